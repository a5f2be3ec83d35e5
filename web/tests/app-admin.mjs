// The administrators' screens in Chromium: reference data (add a region, a partner and a cohort,
// and a refused cohort that writes nothing) and the audit log (filters kept in the address,
// « Même objet », paging). Usage: node tests/app-admin.mjs <server URL> <admin email> <password>
//   <entries in the log before the test> [screenshot folder]
import { harness } from './harness.mjs';

const [base, email, password, before, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password || !before) {
  console.error('usage: node tests/app-admin.mjs <URL> <admin email> <password> <entries before> [shots]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;
const pages = [];
try {
  const { page } = await h.signedInPage(email, password);
  pages.push(page);
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Journal' }).waitFor();
  const nav = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allInnerTexts();
  check(nav.includes('Référentiel') && nav.includes('Journal'), `an admin has the reference data and the audit log (${nav.join(', ')})`);

  await page.getByRole('link', { name: 'Référentiel' }).click();
  await page.getByRole('heading', { name: /^Référentiel/ }).waitFor();
  const region = page.getByRole('form', { name: 'Ajouter une région' });
  await region.getByLabel('Code de la région').fill('mc');
  await region.getByLabel('Nom de la région').fill('Mauricie');
  await region.getByRole('button', { name: 'Ajouter' }).click();
  await page.getByRole('region', { name: /^Régions/ }).getByRole('listitem').filter({ hasText: 'Mauricie' }).waitFor();
  check(true, 'a region is added (code MC, « Mauricie »)');
  const partner = page.getByRole('form', { name: 'Ajouter un partenaire' });
  await partner.getByLabel('Nom de l’établissement').fill('Cégep de Trois-Rivières');
  await partner.getByLabel('Type').selectOption({ label: 'Cégep' });
  await partner.getByRole('button', { name: 'Ajouter' }).click();
  await page.getByRole('region', { name: /^Partenaires/ }).getByText('Cégep de Trois-Rivières').waitFor();
  check(true, 'a partner is added');
  await page.getByRole('button', { name: 'Modifier « Cégep de Trois-Rivières »' }).click();
  const editPartner = page.getByRole('form', { name: 'Modifier « Cégep de Trois-Rivières »' });
  await editPartner.getByLabel('Nom de l’établissement').fill('Cégep de Trois-Rivières (campus Laviolette)');
  await axe(page, 'a partner being edited');
  await editPartner.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('region', { name: /^Partenaires/ }).getByText('Cégep de Trois-Rivières (campus Laviolette)').waitFor();
  const renamed = (await h.graphql(page, '{ partners(first: 100) { nodes { name } } }')).partners.nodes.map((p) => p.name);
  check(renamed.includes('Cégep de Trois-Rivières (campus Laviolette)') && !renamed.includes('Cégep de Trois-Rivières'), 'editing a partner renames it in the API');
  const cohort = page.getByRole('form', { name: 'Ajouter une cohorte' });
  await cohort.getByLabel('Région de la cohorte').selectOption({ label: 'Mauricie' });
  await cohort.getByLabel('Nom de la cohorte').fill('2021-2022');
  await cohort.getByLabel('Début').fill('2022-03-31');
  await cohort.getByLabel('Fin').fill('2021-04-01');
  await cohort.getByRole('button', { name: 'Ajouter' }).click();
  const refusal = cohort.getByRole('alert');
  await refusal.waitFor();
  check((await refusal.innerText()).includes('Une information est invalide'), `a cohort that ends before it starts is refused in French (${await refusal.innerText()})`);
  await axe(page, 'the reference data with a refusal');
  await cohort.getByLabel('Début').fill('2021-04-01');
  await cohort.getByLabel('Fin').fill('2022-03-31');
  await cohort.getByRole('button', { name: 'Ajouter' }).click();
  await page.getByRole('region', { name: /^Cohortes/ }).getByRole('listitem').filter({ hasText: 'Mauricie' }).waitFor();
  const cohorts = (await h.graphql(page, '{ cohorts(first: 100) { nodes { name region { code } } } }')).cohorts.nodes.filter((c) => c.region.code === 'MC');
  check(cohorts.length === 1 && cohorts[0].name === '2021-2022', `the API holds one cohort of Mauricie, the refused one wrote nothing (${JSON.stringify(cohorts)})`);
  await shot(page, 'admin-reference');

  // The audit log.
  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
  const entries = page.getByRole('list').filter({ has: page.locator('time') });
  await entries.first().waitFor();
  const first = await entries.getByRole('listitem').first().innerText();
  check(first.includes('createCohort') && first.includes(email), `newest first: the cohort just added, by the admin (${first.replaceAll('\n', ' / ')})`);
  check((await page.getByText('50 entrées affichées').count()) === 1, `50 entries a page (${before} in the log before the test)`);
  await page.getByRole('button', { name: 'Afficher plus d’entrées' }).click();
  await page.getByText(/^\d+ entrées affichées$/).filter({ hasNotText: '50 entrées' }).waitFor();
  check(true, '« Afficher plus » reads the next page');
  await axe(page, 'the audit log');
  await page.getByLabel('Opération (ex. advanceProjectStage)').fill('createPartner');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL(/operation=createPartner/);
  await page.getByText(/entrées? affichées?$/).waitFor();
  const ops = await page.locator('li.card strong').allInnerTexts();
  check(ops.length > 0 && ops.every((o) => o === 'createPartner'), `filtered by operation, only createPartner (${ops.length})`);
  await page.reload();
  await page.locator('li.card').first().waitFor();
  check((await page.getByLabel('Opération (ex. advanceProjectStage)').inputValue()) === 'createPartner', 'the filter stays in the address across a reload');
  await page.locator('li.card').first().getByRole('button', { name: 'Même objet' }).click();
  await page.waitForURL(/objet=/);
  await page.locator('li.card').first().waitFor();
  check((await page.locator('li.card').count()) === 1, '« Même objet » keeps that object’s changes');
  check((await page.getByLabel('Identifiant de l’objet').inputValue()) !== '', 'the filter form shows the filter the link applied');
  await page.locator('li.card').first().getByText('Avant et après').click();
  check((await page.locator('li.card pre').last().innerText()).includes('Cégep de Trois-Rivières'), 'its details show the state after the change');
  await axe(page, 'a filtered audit log with details open');
  await shot(page, 'admin-audit');
  // Accounts: an agent created with a one-time password, who must change it at first sign-in.
  await page.getByRole('link', { name: 'Comptes' }).click();
  await page.getByRole('heading', { name: 'Comptes des utilisateurs' }).waitFor();
  const agentEmail = `nouvelle.agente.${Date.now()}@pole.example`;
  const create = page.getByRole('form', { name: 'Créer un compte' });
  await create.getByLabel('Courriel').fill(agentEmail);
  await create.getByLabel('Rôle').selectOption({ label: 'Agent SISMIC' });
  await create.getByLabel('Région').selectOption({ label: 'Mauricie' });
  await axe(page, 'the accounts screen');
  await create.getByRole('button', { name: 'Créer le compte' }).click();
  const secretDialog = page.getByRole('dialog', { name: `Compte ${agentEmail} créé` });
  await secretDialog.waitFor();
  const oneTime = (await secretDialog.locator('code').innerText()).trim();
  check(oneTime.length >= 20, `the new account's one-time password is shown once (${oneTime.length} characters)`);
  await axe(page, 'the one-time password dialog');
  await shot(page, 'admin-accounts-secret');
  await secretDialog.getByRole('button', { name: 'C’est noté' }).click();
  const row = page.locator('li.card', { hasText: agentEmail });
  await row.waitFor();
  check((await row.innerText()).includes('doit changer son mot de passe') && (await row.innerText()).includes('Mauricie'), 'the list shows the new agent of Mauricie, who must change their password');

  // The new agent signs in with it, must choose a password, then sees their region.
  const agentContext = await h.newContext();
  const agentPage = h.watch(await agentContext.newPage());
  pages.push(agentPage);
  await agentPage.goto(`${origin}/`);
  await h.signIn(agentPage, agentEmail, oneTime);
  await agentPage.getByRole('heading', { name: 'Choisissez votre mot de passe' }).waitFor();
  await axe(agentPage, 'the change of a one-time password');
  await shot(agentPage, 'one-time-password-change');
  const blocked = await agentPage.evaluate(async () => {
    const r = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-sismic-request': '1' }, body: JSON.stringify({ query: '{ projects(first: 1) { nodes { id } } }' }) });
    return (await r.json()).errors?.[0]?.extensions;
  });
  check(blocked?.code === 'FORBIDDEN' && blocked?.reason === 'PASSWORD_CHANGE_REQUIRED', `until it is changed, the API refuses everything else (${JSON.stringify(blocked)})`);
  await agentPage.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
  await agentPage.getByLabel('Nouveau mot de passe (encore)').fill('court');
  await agentPage.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  check((await agentPage.getByRole('alert').innerText()).includes('au moins 10 caractères'), 'a short password is refused in French');
  const chosen = 'la rivière coule vers le nord';
  await agentPage.getByLabel('Nouveau mot de passe', { exact: true }).fill(chosen);
  await agentPage.getByLabel('Nouveau mot de passe (encore)').fill(chosen);
  await agentPage.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await agentPage.getByRole('heading', { name: 'Tableau des projets' }).waitFor();
  check((await agentPage.locator('.who').innerText()).includes('Mauricie'), 'signed in with the chosen password, the agent is in their region (Mauricie)');
  const again = await h.newContext();
  const answer = await again.request.post(`${origin}/session`, { data: { email: agentEmail, password: oneTime }, headers: { 'x-sismic-request': '1' } });
  check(answer.status() === 401, `the one-time password no longer works (${answer.status()})`);
  await again.close();

  // Deactivating the account ends the agent's session at once.
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: `Désactiver ${agentEmail}` }).click();
  await page.locator('li.card', { hasText: agentEmail }).waitFor({ state: 'detached' });
  const status = await agentPage.evaluate(async () => (await fetch('/session', { headers: { 'x-sismic-request': '1' } })).status);
  check(status === 401, `deactivated, the agent's session ends (GET /session: ${status})`);
  await agentContext.close();
  pages.pop();

  await h.finish('the administrators’ screens work in Chromium', pages);
} catch (error) {
  h.crashed(error);
  await h.finish('the administrators’ screens work in Chromium', pages);
}
