// The project page's editing and the partner follow-up, in Chromium, as the agent; and the app
// opening with no connection (service worker, last board, queue).
// Usage: node tests/app-project.mjs <server URL> <agent email> <agent password> [screenshot folder]
// The server holds, in the agent's region: the project "Coop du rang" (origin: Cégep de
// Victoriaville), the participants "Léa Tremblay" and "Noah Gagnon" (not on its team), the
// funder partner "Fonds FTQ", and the launched project "Atelier vélo" (Coopérative Atelier vélo).
// Checks: editing name/summary/sector/MRC (a reload keeps the open form's draft), adding a team
// member by an accent-free search and removing one, recording an award (« 1 234,50 $ »), the
// launch's details; a follow-up with a partner and no project; then the app opened offline (the
// service worker's shell, the last board, a follow-up queued and sent once back online, exactly
// once through the API), and a sign-out that leaves nothing of the session behind.
import { harness } from './harness.mjs';

const [base, email, password, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password) {
  console.error('usage: node tests/app-project.mjs <server URL> <email> <password> [screenshot folder]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;
const pages = [];

try {
  const { page } = await h.signedInPage(email, password);
  pages.push(page);
  await page.goto(`${origin}/`);
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: 'Coop du rang', exact: true }) });
  await card.getByRole('link', { name: 'Coop du rang' }).click();
  await page.getByRole('heading', { name: 'Coop du rang', level: 1 }).waitFor();
  const projectUrl = page.url();

  // Editing the details; a reload in the middle keeps what was typed.
  await page.getByRole('button', { name: 'Modifier le projet' }).click();
  let edit = page.getByRole('dialog', { name: 'Modifier « Coop du rang »' });
  await edit.getByLabel('Résumé').fill('Une coopérative de producteurs du rang');
  await edit.getByLabel('Secteur d’activité').selectOption({ label: 'Agroalimentaire' });
  await edit.getByLabel('MRC').fill('Arthabaska');
  await axe(page, 'the project details form');
  await shot(page, 'project-edit');
  await page.waitForTimeout(300);
  await page.reload();
  await page.getByRole('button', { name: 'Modifier le projet' }).click();
  edit = page.getByRole('dialog', { name: 'Modifier « Coop du rang »' });
  await edit.getByText('Brouillon retrouvé').waitFor();
  check((await edit.getByLabel('MRC').inputValue()) === 'Arthabaska' && (await edit.getByText('Brouillon retrouvé').count()) === 1, 'after a reload, the open details form comes back from its draft');
  await edit.getByLabel('Nom du projet').fill('Coop du rang Saint-Jean');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('heading', { name: 'Coop du rang Saint-Jean', level: 1 }).waitFor();
  const facts = await page.getByRole('definition').allInnerTexts();
  check(facts.includes('Agroalimentaire') && facts.includes('Arthabaska') && (await page.getByText('Une coopérative de producteurs du rang').count()) === 1, `the page shows the saved name, summary, sector and MRC (${facts.join(', ')})`);
  const saved = await h.graphql(page, 'query($id: ID!) { project(id: $id) { name summary sector mrc } }', { id: decodeURIComponent(new URL(projectUrl).pathname.split('/').pop()) });
  check(saved.project.name === 'Coop du rang Saint-Jean' && saved.project.sector === 'AGRI_FOOD' && saved.project.mrc === 'Arthabaska', `the API holds the edit (${JSON.stringify(saved.project)})`);
  await page.getByRole('button', { name: 'Modifier le projet' }).click();
  check((await page.getByRole('dialog').getByText('Brouillon retrouvé').count()) === 0, 'a saved form leaves no draft');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();

  // The team: add two by search (accents and case aside), remove one.
  const team = page.getByRole('region', { name: /^Équipe/ });
  await team.getByLabel(/Ajouter un membre/).fill('lea TREMB');
  await team.getByRole('button', { name: 'Ajouter Léa Tremblay à l’équipe' }).waitFor();
  const results = await team.getByRole('list', { name: 'Personnes trouvées' }).getByRole('listitem').allInnerTexts();
  check(results.length === 1, `the search finds the region's « Léa Tremblay » only, not another region's namesake (${results.join(' | ')})`);
  await team.getByRole('button', { name: 'Ajouter Léa Tremblay à l’équipe' }).click();
  await team.getByRole('link', { name: 'Léa Tremblay' }).waitFor();
  await team.getByLabel(/Ajouter un membre/).fill('noah');
  await team.getByRole('button', { name: 'Ajouter Noah Gagnon à l’équipe' }).click();
  await team.getByRole('link', { name: 'Noah Gagnon' }).waitFor();
  check((await team.getByRole('heading').innerText()).includes('2 personnes'), 'two members added by search');
  await axe(page, 'the project page with its team');
  await team.getByRole('button', { name: 'Retirer Noah Gagnon de l’équipe' }).click();
  await team.getByRole('link', { name: 'Noah Gagnon' }).waitFor({ state: 'detached' });
  check((await team.getByRole('heading').innerText()).includes('1 personne'), 'one removed: the team holds Léa Tremblay only');

  // An award, typed the French way.
  await page.getByRole('button', { name: 'Inscrire une bourse…' }).click();
  const award = page.getByRole('dialog', { name: /^Bourse pour/ });
  await award.getByLabel('Bailleur de fonds').selectOption({ label: 'Fonds FTQ' });
  await award.getByLabel('Montant ($)').fill('abc');
  await award.getByRole('button', { name: 'Enregistrer' }).click();
  check((await award.getByRole('alert').innerText()).includes('Le montant doit être'), 'an amount that is not one is refused in the form');
  await award.getByLabel('Montant ($)').fill('1 234,50');
  await axe(page, 'the award form');
  await award.getByRole('button', { name: 'Enregistrer' }).click();
  const awards = page.getByRole('region', { name: /^Bourses/ });
  await awards.getByText(/1\s234,50\s\$ de Fonds FTQ/).waitFor();
  check(true, 'the award reads « 1 234,50 $ de Fonds FTQ »');
  await shot(page, 'project-edited');

  // The board's status and MRC filters.
  await page.goto(`${origin}/`);
  await page.getByLabel('MRC', { exact: true }).selectOption({ label: 'Arthabaska' });
  check((await page.locator('li.card').count()) === 1 && (await page.getByRole('heading', { name: 'Coop du rang Saint-Jean' }).count()) === 1, 'the MRC filter keeps the project of Arthabaska only');
  await page.getByLabel('MRC', { exact: true }).selectOption({ label: 'Tous' });
  await page.getByLabel('Statut').selectOption({ label: 'Lancé' });
  check((await page.locator('li.card').count()) === 1 && (await page.getByRole('heading', { name: 'Atelier vélo' }).count()) === 1, 'the status filter « Lancé » keeps « Atelier vélo » only');
  await page.getByLabel('Statut').selectOption({ label: 'Tous' });

  // A launched project shows its launch.
  const launched = page.locator('li.card', { has: page.getByRole('heading', { name: 'Atelier vélo', exact: true }) });
  await launched.getByRole('link', { name: 'Atelier vélo' }).click();
  const launch = page.getByRole('region', { name: 'Entreprise lancée' });
  await launch.waitFor();
  check((await launch.innerText()).includes('Coopérative Atelier vélo'), 'the launched project shows its enterprise');

  // A follow-up with a partner, no project.
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Consigner un suivi' });
  await dialog.getByLabel('Un partenaire (sans projet)').check();
  await dialog.getByLabel('Partenaire rencontré').selectOption({ label: 'Cégep de Victoriaville' });
  await dialog.getByLabel('Résumé').fill('Rencontre avec la conseillère du cégep');
  await axe(page, 'the follow-up form for a partner');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Suivi enregistré' }).waitFor();
  const partnerFollowUps = await h.graphql(page, '{ followUps(first: 50, withoutProject: true) { nodes { summary partner { name } project { id } } } }');
  const mine = partnerFollowUps.followUps.nodes.filter((f) => f.summary === 'Rencontre avec la conseillère du cégep');
  check(mine.length === 1 && mine[0].partner?.name === 'Cégep de Victoriaville' && mine[0].project === null, `the API holds one partner follow-up without a project (${JSON.stringify(mine)})`);
  await page.context().close();

  // Offline: the app opens from the service worker's shell with the last board.
  const online = await h.signedInPage(email, password, { serviceWorkers: 'allow' });
  const p2 = online.page;
  pages.push(p2);
  await p2.goto(`${origin}/`);
  await p2.getByRole('heading', { name: 'Coop du rang Saint-Jean' }).waitFor();
  await p2.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  const cached = await p2.evaluate(async () => {
    const urls = [];
    for (const key of await caches.keys()) for (const r of await (await caches.open(key)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  check(cached.includes('/') && cached.some((u) => u.startsWith('/app/assets/')) && !cached.some((u) => /graphql|session|reports/.test(u)), `the service worker keeps the shell and never the API (${cached.join(', ')})`);
  await online.context.setOffline(true);
  await p2.reload();
  await p2.getByText('Hors connexion : vos suivis sont gardés').waitFor();
  await p2.getByRole('heading', { name: 'Coop du rang Saint-Jean' }).waitFor();
  check((await p2.getByText(/Hors connexion : voici le tableau tel qu’il était le/).count()) === 1, 'offline, the app opens on the last board, saying so');
  await axe(p2, 'the board opened offline');
  await shot(p2, 'offline-board');
  const summary = `Suivi noté sans réseau ${Date.now()}`;
  await p2.keyboard.press('n');
  const d2 = p2.getByRole('dialog', { name: 'Consigner un suivi' });
  await d2.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang Saint-Jean' });
  await d2.getByLabel('Résumé').fill(summary);
  await d2.getByRole('button', { name: 'Enregistrer' }).click();
  await p2.getByRole('status').filter({ hasText: 'le suivi est en attente' }).waitFor();
  await online.context.setOffline(false);
  await p2.getByRole('link', { name: 'Suivis en attente', exact: true }).waitFor({ timeout: 15000 });
  const count = (await h.graphql(p2, '{ followUps(first: 100) { nodes { summary } } }')).followUps.nodes.filter((f) => f.summary === summary).length;
  check(count === 1, `back online, the follow-up queued offline is on the server exactly once (${count})`);

  // Sign-out leaves nothing of the session on the device.
  await p2.getByRole('button', { name: 'Se déconnecter' }).click();
  await p2.getByRole('heading', { name: 'Connexion' }).waitFor();
  const left = await p2.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name);
    const board = await new Promise((resolve) => {
      const open = indexedDB.open('sismic-offline', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('drafts', { keyPath: 'id' });
      open.onsuccess = () => {
        const get = open.result.transaction('drafts').objectStore('drafts').get('board');
        get.onsuccess = () => resolve(get.result ?? null);
      };
    });
    return { user: localStorage.getItem('sismic.lastUser'), board, dbs };
  });
  check(left.user === null && left.board === null, `after sign-out, no remembered user and no board snapshot (${JSON.stringify(left)})`);
  await online.context.setOffline(true);
  await p2.reload();
  await p2.getByRole('heading', { name: 'Connexion' }).waitFor();
  check(true, 'offline after sign-out, the app opens on the sign-in page, not on the last session');
  await online.context.setOffline(false);
  await h.finish('the project page and the offline start work in Chromium', pages);
} catch (error) {
  h.crashed(error);
  await h.finish('the project page and the offline start work in Chromium', pages);
}
