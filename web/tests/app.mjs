// The agents' web app in a real browser (Debian's Chromium, driven by playwright-core), against
// the real server, with every request to another origin blocked and recorded.
// Usage: node tests/app.mjs <server URL> <agent email> <agent password> [screenshot folder]
// The server holds the projects "Coop du rang", "Atelier vélo" (Révélation, active) and
// "Épicerie solidaire" (on hold), in the agent's region.
// Checks: signed out, a deep link leads to sign-in and back; sign-in (no token reachable by the
// page); the board's columns and cards; advancing a project; a CONFLICT caused by a second
// browser context, shown and retried on the current version; logging a follow-up with the N
// shortcut; logging one offline, which waits in IndexedDB « en attente » across a reload (and
// a retry whose answer is lost), then is sent by itself when the connection returns, exactly
// once (checked through the API); English one switch away; sign-out. axe-core on every page
// (0 serious or critical), no CSP violation, no console error, screenshots (1400 px and 390 px).
import { harness } from './harness.mjs';

const [base, email, password, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password) {
  console.error('usage: node tests/app.mjs <server URL> <email> <password> [screenshot folder]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, watch, axe, shot } = h;
/** The API's fate in the main context: 'up', 'lost-answer' (the server answers, the page never sees it), 'refuse'. */
let api = 'up';
const faults = async (route, url) => {
  const post = route.request().method() === 'POST' && url.endsWith('/graphql') && (route.request().postData() ?? '').includes('LogFollowUp');
  if (api === 'refuse' && post) {
    // The server refuses the input (as it would a date in the future): the item must stay.
    const errors = [{ message: 'occurredOn is in the future', extensions: { code: 'BAD_USER_INPUT' } }];
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors }) });
    return true;
  }
  if (api === 'lost-answer' && post) {
    await route.fetch(); // the server writes it...
    await route.abort('connectionreset'); // ...and the answer is lost on the way back
    return true;
  }
  return false;
};
const newContext = (width = 1400, height = 900) => h.newContext({ width, height, intercept: faults });
const signIn = (page) => h.signIn(page, email, password);

const card = (page, name) => page.locator('li.card', { has: page.getByRole('heading', { name, exact: true }) });
const column = (page, name) => page.getByRole('region', { name: new RegExp(`^${name}`) });

try {
  // Signed out, a deep link leads to sign-in, and back after it.
  const context = await newContext();
  // This page works without live updates, as behind a proxy that lets no WebSocket through:
  // live, it would hear the second context's change below and never meet the CONFLICT that
  // this test is about (tests/app-live.mjs tests the live board).
  await context.routeWebSocket(/\/graphql/, (ws) => ws.close({ code: 4500, reason: 'no WebSocket in this test' }));
  const page = watch(await context.newPage());
  const response = await page.goto(`${origin}/suivis-en-attente`);
  const csp = response.headers()['content-security-policy'] ?? '';
  check(response.status() === 200 && csp.includes("script-src 'self'") && !/https?:|\*/.test(csp), 'a client route answers the app under the strict CSP');
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  check(new URL(page.url()).pathname === '/connexion' && page.url().includes('retour=%2Fsuivis-en-attente'), `signed out, the deep link leads to sign-in (${page.url()})`);
  await axe(page, 'the sign-in page');
  await shot(page, 'signin');
  await signIn(page);
  await page.getByRole('heading', { name: 'Suivis en attente', level: 1 }).waitFor();
  check(new URL(page.url()).pathname === '/suivis-en-attente', 'after sign-in, back to the deep link');
  const cookieSeen = await page.evaluate(() => document.cookie.includes('sismic_session') || JSON.stringify({ ...localStorage, ...sessionStorage }).includes('eyJ'));
  check(!cookieSeen, 'the page sees no token (HttpOnly cookie, nothing in localStorage or sessionStorage)');

  // The board.
  await page.getByRole('link', { name: 'Tableau' }).click();
  await page.getByRole('heading', { name: 'Tableau des projets' }).waitFor();
  await card(page, 'Coop du rang').waitFor();
  check((await column(page, 'Révélation').locator('li.card').count()) === 2, 'Révélation holds the two active projects');
  check((await column(page, 'Issues').getByText('Épicerie solidaire').count()) === 1, 'the project on hold is among the outcomes');
  const coop = await card(page, 'Coop du rang').innerText();
  check(coop.includes('Partenaire d’origine : Cégep de Victoriaville'), 'a card shows its origin partner');
  check(/Aucun suivi depuis [\d\s\u202f\u00a0]+ jours/.test(coop) && coop.includes('À relancer'), `a card quiet for over 30 days stands out, in words (${coop.replaceAll('\n', ' / ')})`);
  await axe(page, 'the board');
  await shot(page, 'board');
  // Filters: accent- and case-insensitive search, origin partner.
  await page.getByLabel('Rechercher (nom, partenaire)').fill('EPICERIE');
  await card(page, 'Coop du rang').waitFor({ state: 'detached' });
  check((await page.locator('li.card').count()) === 1 && (await page.getByText('1 projet sur 3').count()) === 1, 'searching « EPICERIE » finds « Épicerie solidaire » only');
  await page.getByLabel('Rechercher (nom, partenaire)').fill('');
  await page.getByLabel('Partenaire d’origine').selectOption({ label: 'Sans partenaire d’origine' });
  check((await page.locator('li.card').count()) === 1 && (await card(page, 'Atelier vélo').count()) === 1, 'the origin-partner filter keeps « Atelier vélo » only');
  await page.getByLabel('Partenaire d’origine').selectOption({ label: 'Tous' });
  await card(page, 'Coop du rang').waitFor();

  // Advance one.
  await card(page, 'Coop du rang').getByRole('button', { name: 'Avancer à Idéation' }).click();
  await column(page, 'Idéation').getByRole('heading', { name: 'Coop du rang' }).waitFor();
  check(true, 'advancing « Coop du rang » moves it to Idéation');

  // A CONFLICT caused by a second browser context.
  const other = await newContext();
  await other.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
  const otherPage = watch(await other.newPage());
  await otherPage.goto(`${origin}/`);
  await card(otherPage, 'Atelier vélo').getByRole('button', { name: 'Avancer à Idéation' }).click();
  await column(otherPage, 'Idéation').getByRole('heading', { name: 'Atelier vélo' }).waitFor();
  await other.close();
  await card(page, 'Atelier vélo').getByRole('button', { name: 'Avancer à Idéation' }).click();
  const notice = card(page, 'Atelier vélo').getByRole('alert');
  await notice.waitFor();
  const noticeText = await notice.innerText();
  check(noticeText.includes('Ce projet a changé pendant que vous le modifiiez') && noticeText.includes('étape Idéation'), `the CONFLICT says what changed (${noticeText.replaceAll('\n', ' / ')})`);
  await axe(page, 'the board with a conflict');
  await shot(page, 'conflict');
  await card(page, 'Atelier vélo').getByRole('button', { name: 'Réessayer sur la version actuelle' }).click();
  await column(page, 'Prototypage').getByRole('heading', { name: 'Atelier vélo' }).waitFor();
  check(true, 'retrying on the current version advances it (to Prototypage)');

  // Record the launch from the board (Prototypage, active): it joins the outcomes as « Lancé ».
  await card(page, 'Atelier vélo').getByRole('button', { name: 'Lancer l’entreprise…' }).click();
  const launch = page.getByRole('dialog', { name: 'Lancement de « Atelier vélo »' });
  await launch.getByLabel('Nom légal de l’entreprise').fill('Coopérative Atelier vélo');
  await launch.getByLabel('Forme juridique').selectOption({ label: 'Coopérative' });
  await axe(page, 'the launch dialog');
  await launch.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByRole('region', { name: /^Lancé/ }).getByRole('heading', { name: 'Atelier vélo' }).waitFor();
  check(true, 'recording the launch puts « Atelier vélo » under « Lancé »');

  // Projects needing attention (the API's filter, default thresholds): « Coop du rang » has had
  // no follow-up since January 2021.
  await page.getByRole('link', { name: 'À surveiller' }).click();
  await page.getByRole('heading', { name: 'Projets à surveiller' }).waitFor();
  const watched = page.locator('.attention > li');
  await watched.first().waitFor();
  const watchedText = await watched.allInnerTexts();
  check(watchedText.length === 1 && watchedText[0].includes('Coop du rang') && /Aucun suivi depuis [\d\s\u202f\u00a0]+ jours/.test(watchedText[0]), `projects needing attention: « Coop du rang », quiet since 2021 (${watchedText.map((t) => t.replaceAll('\n', ' ')).join(' | ')})`);
  await axe(page, 'the projects needing attention');
  await shot(page, 'attention');
  await page.getByRole('link', { name: 'Tableau' }).click();
  await card(page, 'Coop du rang').waitFor();

  // Log a follow-up with the shortcut.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Consigner un suivi' });
  await dialog.waitFor();
  check((await dialog.getByLabel('Date').inputValue()) === new Date().toLocaleDateString('en-CA'), 'the date is today by default');
  await dialog.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang' });
  await dialog.getByLabel('Téléphone').check();
  await dialog.getByLabel('Durée').selectOption({ label: '45 min' });
  await dialog.getByLabel('Résumé').fill('Appel de suivi du plan d’affaires');
  await axe(page, 'the follow-up form');
  await shot(page, 'followup-form');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Suivi enregistré' }).waitFor();
  await card(page, 'Coop du rang').getByText('Suivi aujourd’hui').waitFor();
  check(true, 'the follow-up is saved and the card says « Suivi aujourd’hui »');

  // The project page: the stage history as a timeline, the follow-ups newest first.
  await card(page, 'Coop du rang').getByRole('link', { name: 'Coop du rang' }).click();
  await page.getByRole('heading', { name: 'Coop du rang', level: 1 }).waitFor();
  const history = page.getByRole('region', { name: 'Historique des étapes' });
  await history.getByText('Révélation → Idéation').waitFor();
  check((await history.getByRole('listitem').count()) === 2 && (await history.getByText('Créé à l’étape Révélation').count()) === 1, 'the project page shows the stage history (creation, then Révélation → Idéation)');
  const followUps = page.getByRole('region', { name: /^Suivis/ });
  const texts = await followUps.getByRole('listitem').allInnerTexts();
  check(texts.length === 2 && texts[0].includes('Appel de suivi du plan') && texts[1].includes('15 janvier 2021'), `its follow-ups, newest first (${texts.map((t) => t.replaceAll('\n', ' ')).join(' | ')})`);
  await axe(page, 'the project page');
  await shot(page, 'project');
  await page.getByRole('link', { name: 'Retour au tableau' }).click();
  await card(page, 'Coop du rang').waitFor();

  // A reload loses nothing: the open form's draft comes back, with the same idempotency key.
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  await dialog.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang' });
  await dialog.getByLabel('Résumé').fill('Brouillon avant rechargement');
  await page.waitForTimeout(600);
  await page.reload();
  await card(page, 'Coop du rang').waitFor();
  await page.keyboard.press('n');
  await dialog.waitFor();
  check((await dialog.getByLabel('Résumé').inputValue()) === 'Brouillon avant rechargement' && (await dialog.getByText('Brouillon retrouvé').count()) === 1, 'after a reload, the open form comes back from its local draft');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  check((await dialog.getByLabel('Résumé').inputValue()) === '', 'a form closed on purpose leaves no draft');
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  // Offline: the follow-up waits in IndexedDB, across a reload and a lost answer.
  const summary = `Rencontre hors ligne ${Date.now()}`;
  await context.setOffline(true);
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  await dialog.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang' });
  await dialog.getByLabel('Résumé').fill(summary);
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'le suivi est en attente' }).waitFor();
  await page.getByRole('link', { name: 'Suivis en attente (1)' }).click();
  await page.getByText(summary).waitFor();
  check((await page.locator('li.card.pending').innerText()).includes('en attente'), 'offline, the follow-up waits, marked « en attente »');
  await axe(page, 'the pending follow-ups');
  await shot(page, 'queue-pending');
  api = 'lost-answer';
  await context.setOffline(false);
  await page.reload();
  await page.getByText(summary).waitFor();
  await page.waitForTimeout(1500); // the load-time re-send, whose answer is lost
  check((await page.getByText(summary).count()) === 1, 'after a reload (and a re-send whose answer was lost) it is still waiting');
  api = 'up';
  await context.setOffline(true);
  await context.setOffline(false); // the `online` event: sent again by itself
  await page.getByRole('link', { name: 'Suivis en attente', exact: true }).waitFor({ timeout: 15000 });
  await page.getByText('Aucun suivi en attente.').waitFor();
  check(true, 'back online, the queue empties by itself');
  // Through the API, with the agent's session (the cookie) and the CSRF header.
  const count = await page.evaluate(async (text) => {
    const post = async (query, variables) => {
      const r = await fetch('/graphql', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-sismic-request': '1' }, body: JSON.stringify({ query, variables }) });
      const body = await r.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { projects } = await post('{ projects(first: 100) { nodes { id name } } }', {});
    const id = projects.nodes.find((p) => p.name === 'Coop du rang').id;
    const { project } = await post('query($id: ID!) { project(id: $id) { followUps(first: 100) { nodes { summary } } } }', { id });
    return project.followUps.nodes.filter((f) => f.summary === text).length;
  }, summary);
  check(count === 1, `the API holds exactly one follow-up with that summary (${count})`);

  // A queued follow-up the server refuses is kept, shown for correction, then sent corrected.
  await context.setOffline(true);
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  await dialog.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang' });
  await dialog.getByLabel('Résumé').fill('Suivi à corriger');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'le suivi est en attente' }).waitFor();
  api = 'refuse';
  await context.setOffline(false);
  const refused = page.locator('li.card.refused');
  await refused.waitFor({ timeout: 15000 });
  const refusedText = await refused.innerText();
  check(refusedText.includes('refusé : à corriger') && refusedText.includes('Une information est invalide'), `a refused follow-up stays, marked for correction (${refusedText.replaceAll('\n', ' / ')})`);
  await axe(page, 'a refused follow-up');
  await shot(page, 'queue-refused');
  api = 'up';
  await refused.getByRole('button', { name: 'Corriger' }).click();
  check((await dialog.getByLabel('Résumé').inputValue()) === 'Suivi à corriger', 'correcting opens the form with what was typed');
  await dialog.getByLabel('Résumé').fill('Suivi corrigé');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('Aucun suivi en attente.').waitFor();
  check(true, 'the corrected follow-up is sent and leaves the queue');

  // English one switch away, remembered.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Pending follow-ups' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Pending follow-ups' }).waitFor();
  check((await page.evaluate(() => document.documentElement.lang)) === 'en', 'English is one switch away and remembered');
  await page.getByRole('button', { name: 'Passer au français' }).click();
  await page.getByRole('heading', { name: 'Suivis en attente', level: 1 }).waitFor();

  // A phone: 390 px wide.
  const phone = await newContext(390, 844);
  await phone.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
  const phonePage = watch(await phone.newPage());
  await phonePage.goto(`${origin}/`);
  await card(phonePage, 'Coop du rang').waitFor();
  const overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `at 390 px nothing overflows sideways (${overflow} px)`);
  await axe(phonePage, 'the board at 390 px');
  await shot(phonePage, 'board-390');
  await phone.close();

  // The session ends in the middle of a form (signed out everywhere from elsewhere): the form
  // keeps what was typed, a sign-in box opens above it, and the follow-up is then saved.
  await page.getByRole('link', { name: 'Tableau' }).click();
  await page.getByRole('button', { name: /Nouveau suivi/ }).click();
  await dialog.getByLabel('Projet', { exact: true }).selectOption({ label: 'Coop du rang' });
  const kept = 'Suivi saisi pendant que la session expire';
  await dialog.getByLabel('Résumé').fill(kept);
  const elsewhereSession = await newContext();
  await elsewhereSession.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
  await elsewhereSession.request.delete(`${origin}/session`, { headers: { 'x-sismic-request': '1' } });
  await elsewhereSession.close();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  const again = page.getByRole('dialog', { name: 'Connexion' });
  await again.waitFor();
  check((await again.innerText()).includes('Votre session a expiré'), 'an expired session asks to sign in again, above the form');
  await axe(page, 'the expired-session sign-in');
  await shot(page, 'session-expired');
  await again.getByLabel('Adresse courriel').fill(email);
  await again.getByLabel('Mot de passe').fill(password);
  await again.getByRole('button', { name: 'Se connecter' }).click();
  await again.waitFor({ state: 'detached' });
  check((await dialog.getByLabel('Résumé').inputValue()) === kept, 'after signing in again, the form still holds what was typed');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('status').filter({ hasText: 'Suivi enregistré' }).waitFor();
  check(true, 'and the follow-up is saved');

  // Sign-out.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  const after = await page.evaluate(async () => (await fetch('/session', { headers: { 'x-sismic-request': '1' } })).status);
  check(after === 401, `signed out, GET /session answers 401 (${after})`);

  await h.finish('the agents’ web app works in Chromium', [page]);
} catch (error) {
  h.crashed(error);
  await h.finish('the agents’ web app works in Chromium');
}
