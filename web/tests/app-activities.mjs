// The activities and attendance screens in a real browser (Debian's Chromium, playwright-core),
// against the real server (run by `tests/api/web_activities.rs`, which builds the data).
// Usage: node tests/app-activities.mjs <server URL> <agent email> <agent password> <another region's activity id> [screenshot folder]
// The agent's region holds the cohorts 2019-2020 (activity « Atelier d’accueil 2019 ») and
// 2020-2021 (activity « Atelier de révélation », 2020-10-08), and six participants: Léa Gagnon,
// Léo Roy, Mathis Lévesque, Zoé Côté, Émile Bouchard, Noah Tremblay (plus one erased, who must
// not be listed). Another region holds « Activité d’une autre région » and « Olivia Ailleurs ».
// Checks, as the agent: the list (newest first, the cohort filter), creating an activity (a
// date outside the cohort refused; its idempotency key sent, again after a lost answer: one
// activity), opening it, the checklist (accent- and case-insensitive search,
// « Tout sélectionner » / « Tout désélectionner » on the rows shown, unchecking one), one
// recordAttendance request that saves it, exactly those people recorded (through the API),
// what is already recorded shown after a reload, a failed save and a CONFLICT shown in French
// with « Réessayer », the printable sheet (print media: no navigation or buttons, names and a
// signature column; a PDF), another region's activity answered as not found, 390 px, English.
// axe-core on every state, screenshots at 1400 px and 390 px.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { harness } from './harness.mjs';

const [base, email, password, otherRegionActivity, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password || !otherRegionActivity) {
  console.error('usage: node tests/app-activities.mjs <server URL> <email> <password> <another region’s activity id> [screenshot folder]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;

/** What the next recordAttendance request meets: 'up', 'network' (it fails), 'conflict' (the answer is CONFLICT). */
let attendanceFault = 'up';
/** Whether the next createActivity's answer is lost on the way back (the server writes it). */
let loseCreateAnswer = false;
const faults = async (route, url) => {
  const body = route.request().postData() ?? '';
  if (loseCreateAnswer && body.includes('mutation CreateActivity')) {
    loseCreateAnswer = false;
    await route.fetch();
    await route.abort('connectionreset');
    return true;
  }
  if (route.request().method() !== 'POST' || !url.endsWith('/graphql') || !body.includes('RecordAttendance')) return false;
  if (attendanceFault === 'network') {
    attendanceFault = 'up';
    await route.abort('connectionfailed');
    return true;
  }
  if (attendanceFault === 'conflict') {
    attendanceFault = 'up';
    const errors = [{ message: 'the activity changed', extensions: { code: 'CONFLICT' } }];
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors }) });
    return true;
  }
  return false;
};

/** The names (« Nom, Prénom ») of the checklist's rows as shown, and whether each is checked. */
const checklist = async (page) =>
  page.locator('ul.checklist li').evaluateAll((items) =>
    items.map((li) => ({ name: li.querySelector('.person').textContent, checked: li.querySelector('input').checked, recorded: li.querySelector('input').disabled })),
  );
const names = (rows) => rows.map((r) => r.name).join(' | ');

/** The attendees of the activity called `title`, through the API, as « Prénom Nom », sorted. */
async function attendeesOf(page, title) {
  const { activities } = await h.graphql(page, '{ activities(first: 100) { nodes { title attendees { firstName lastName } } } }');
  const activity = activities.nodes.find((a) => a.title === title);
  return activity ? activity.attendees.map((p) => `${p.firstName} ${p.lastName}`).sort() : null;
}

try {
  const { page } = await h.signedInPage(email, password, { intercept: faults });
  /** Every recordAttendance and createActivity request the page sends. */
  const sent = { attendance: 0, create: [] };
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().endsWith('/graphql')) return;
    const body = r.postData() ?? '';
    if (body.includes('mutation RecordAttendance')) sent.attendance += 1;
    if (body.includes('mutation CreateActivity')) sent.create.push(JSON.parse(body).variables.input);
  });

  // The list, from the navigation: the region's activities, newest first.
  await page.goto(`${origin}/`);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Activités' }).click();
  await page.getByRole('heading', { name: 'Activités', level: 1 }).waitFor();
  const titles = page.locator('.activity-list .card-title');
  await titles.first().waitFor();
  let listed = await titles.allInnerTexts();
  check(listed.join(' | ') === 'Atelier de révélation | Atelier d’accueil 2019', `the region's activities, newest first, not another region's (${listed.join(' | ')})`);
  check((await page.getByText('2 activités').count()) === 1, 'the list says how many');
  await page.getByLabel('Cohorte').selectOption({ label: '2019-2020' });
  await page.getByText('1 activité', { exact: true }).waitFor();
  listed = await titles.allInnerTexts();
  check(listed.join() === 'Atelier d’accueil 2019', `the cohort filter keeps the cohort's activities only (${listed.join(' | ')})`);
  await page.getByLabel('Cohorte').selectOption({ label: 'Toutes les cohortes' });
  await page.getByText('2 activités').waitFor();
  await axe(page, 'the activities list');
  await shot(page, 'activities');

  // Create one: cohort (the latest by default), stage, title, date.
  await page.getByRole('button', { name: 'Nouvelle activité' }).click();
  const dialog = page.getByRole('dialog', { name: 'Créer une activité' });
  await dialog.waitFor();
  const cohortChosen = await dialog.getByLabel('Cohorte').evaluate((s) => s.selectedOptions[0]?.textContent);
  check(cohortChosen === '2020-2021', `a new activity goes to the latest cohort by default (${cohortChosen})`);
  await dialog.getByLabel('Étape du parcours').selectOption({ label: 'Idéation' });
  await dialog.getByLabel('Titre').fill('Atelier BMC');
  // A date outside the cohort is refused in French before anything is sent.
  await dialog.getByLabel('Date').fill('2021-05-01');
  await dialog.getByRole('button', { name: 'Créer l’activité' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'La date doit être comprise dans les dates de la cohorte (du 1er avril 2020 au 31 mars 2021).' }).waitFor();
  check(sent.create.length === 0, 'a date outside the cohort is said in French, and nothing is sent');
  await dialog.getByLabel('Date').fill('2020-11-19');
  await axe(page, 'the new-activity form');
  await shot(page, 'activity-create');
  // The server creates it but the answer is lost: sent again, with the same key, it is one activity.
  loseCreateAnswer = true;
  await dialog.getByRole('button', { name: 'Créer l’activité' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Pas de connexion au serveur.' }).waitFor();
  await dialog.getByRole('button', { name: 'Créer l’activité' }).click();
  await page.getByRole('status').filter({ hasText: 'Activité « Atelier BMC » créée.' }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  const [input = {}, again = {}] = sent.create;
  check(
    sent.create.length === 2 && input.stage === 'IDEATION' && input.title === 'Atelier BMC' && input.heldOn === '2020-11-19' && /^[0-9a-f-]{36}$/.test(input.idempotencyKey ?? ''),
    `createActivity sent with the form's fields and an idempotency key (${JSON.stringify(input)})`,
  );
  check(again.idempotencyKey === input.idempotencyKey, 'sent again after a lost answer, with the same key (made when the form opened)');
  await page.getByRole('link', { name: 'Atelier BMC' }).waitFor();
  listed = await titles.allInnerTexts();
  check(listed[0] === 'Atelier BMC' && listed.filter((t) => t === 'Atelier BMC').length === 1, `the new activity comes first, once (${listed.join(' | ')})`);
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  check(focused === 'Atelier BMC', `focus moves to the new activity's link (${focused})`);

  // Open it: its facts, and the checklist of the region's participants.
  await page.getByRole('link', { name: 'Atelier BMC' }).click();
  await page.getByRole('heading', { name: 'Atelier BMC', level: 1 }).waitFor();
  const facts = await page.locator('.facts').innerText();
  check(facts.includes('19 novembre 2020') && facts.includes('Idéation') && facts.includes('2020-2021') && facts.includes('Région A'), `the page gives the date, stage, cohort and region (${facts.replaceAll('\n', ' ')})`);
  check(!/Gagnon|Roy|Lévesque/.test(decodeURIComponent(page.url())), 'no name in the address');
  await page.getByText('Aucune présence enregistrée pour l’instant.').waitFor();
  let rows = await checklist(page);
  check(
    names(rows) === 'Bouchard, Émile | Côté, Zoé | Gagnon, Léa | Lévesque, Mathis | Roy, Léo | Tremblay, Noah' && rows.every((r) => !r.checked),
    `the checklist lists the region's six participants by name, none checked, not the erased one nor another region's (${names(rows)})`,
  );
  await axe(page, 'the activity page');
  await shot(page, 'activity');

  // Search (accents and case aside), select all shown, uncheck one.
  const search = page.getByLabel('Rechercher une personne (prénom, nom)');
  await search.fill('LE');
  await page.getByText('4 personnes affichées sur 6').waitFor();
  rows = await checklist(page);
  check(names(rows) === 'Bouchard, Émile | Gagnon, Léa | Lévesque, Mathis | Roy, Léo', `« LE » finds Émile, Léa, Lévesque and Léo (${names(rows)})`);
  await page.getByRole('button', { name: 'Tout sélectionner' }).click();
  await page.getByText('4 personnes sélectionnées').waitFor();
  await page.getByRole('checkbox', { name: 'Roy, Léo' }).uncheck();
  await page.getByText('3 personnes sélectionnées').waitFor();
  // « Tout désélectionner » acts on the rows shown only.
  await search.fill('zoé');
  await page.getByText('1 personne affichée sur 6').waitFor();
  await page.getByRole('button', { name: 'Tout sélectionner' }).click();
  await page.getByText('4 personnes sélectionnées').waitFor();
  await page.getByRole('button', { name: 'Tout désélectionner' }).click();
  await page.getByText('3 personnes sélectionnées').waitFor();
  check(true, '« Tout sélectionner » and « Tout désélectionner » act on the rows shown only');
  await search.fill('');
  await page.getByText('6 personnes affichées sur 6').waitFor();
  rows = await checklist(page);
  const checked = rows.filter((r) => r.checked).map((r) => r.name).join(' | ');
  check(checked === 'Bouchard, Émile | Gagnon, Léa | Lévesque, Mathis', `back to the whole list, exactly those three are checked (${checked})`);
  await axe(page, 'the checklist with a selection');
  await shot(page, 'activity-selected');

  // Save: one request, and exactly those three recorded.
  await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await page.getByRole('status').filter({ hasText: '3 présences enregistrées.' }).waitFor();
  await page.getByText('3 présences déjà enregistrées.').waitFor();
  check(sent.attendance === 1, `the save is one recordAttendance request (${sent.attendance})`);
  let recorded = await attendeesOf(page, 'Atelier BMC');
  check(JSON.stringify(recorded) === JSON.stringify(['Léa Gagnon', 'Mathis Lévesque', 'Émile Bouchard'].sort()), `the API holds exactly those three (${recorded})`);
  check((await page.getByText('Aucune personne sélectionnée').count()) === 1, 'the selection is now empty');

  // What is recorded is shown after a reload: checked, marked, and cannot be unchecked.
  await page.reload();
  await page.getByText('3 présences déjà enregistrées.').waitFor();
  rows = await checklist(page);
  const shownRecorded = rows.filter((r) => r.recorded && r.checked).map((r) => r.name).join(' | ');
  check(shownRecorded === 'Bouchard, Émile | Gagnon, Léa | Lévesque, Mathis', `after a reload, the recorded people are shown checked and locked (${shownRecorded})`);
  check((await page.getByRole('checkbox', { name: /Gagnon, Léa/ }).isDisabled()) && (await page.getByText('présence enregistrée', { exact: true }).count()) === 3, 'each is marked « présence enregistrée »');

  // A save that fails, then a CONFLICT: said in French, with « Réessayer », the selection kept.
  await page.getByRole('checkbox', { name: 'Tremblay, Noah' }).check();
  attendanceFault = 'network';
  await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
  const notice = page.locator('.attendance .notice');
  await notice.getByText('Pas de connexion au serveur.').waitFor();
  check((await notice.getByRole('button', { name: 'Réessayer' }).count()) === 1, 'a failed save is said in French, with « Réessayer »');
  attendanceFault = 'conflict';
  await notice.getByRole('button', { name: 'Réessayer' }).click();
  await notice.getByText('Cette activité ou sa liste a changé').waitFor();
  check((await page.getByRole('checkbox', { name: 'Tremblay, Noah' }).isChecked()) && (await page.getByText('1 personne sélectionnée').count()) === 1, 'after a CONFLICT the list is reloaded and the selection kept');
  await axe(page, 'the activity page with a CONFLICT');
  await shot(page, 'activity-conflict');
  await notice.getByRole('button', { name: 'Réessayer' }).click();
  await page.getByRole('status').filter({ hasText: '1 présence enregistrée.' }).waitFor();
  await page.getByText('4 présences déjà enregistrées.').waitFor();
  recorded = await attendeesOf(page, 'Atelier BMC');
  check(JSON.stringify(recorded) === JSON.stringify(['Léa Gagnon', 'Mathis Lévesque', 'Noah Tremblay', 'Émile Bouchard'].sort()), `« Réessayer » records Noah too, once (${recorded})`);
  check(sent.attendance === 4, `four recordAttendance requests in all: the save, the failure, the CONFLICT, the retry (${sent.attendance})`);

  // The printable sheet: « Imprimer la feuille » prints; print media shows the sheet alone.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => (window.__printed += 1);
  });
  await page.getByRole('button', { name: 'Imprimer la feuille' }).click();
  check((await page.evaluate(() => window.__printed)) === 1, '« Imprimer la feuille » opens the print dialog (window.print)');
  await page.emulateMedia({ media: 'print' });
  const visibleButtons = await page.locator('button:visible').count();
  const navVisible = await page.locator('nav').isVisible();
  const checkboxesVisible = await page.locator('input:visible').count();
  check(visibleButtons === 0 && !navVisible && checkboxesVisible === 0, `printed, no navigation, button or field (${visibleButtons} button(s), nav ${navVisible}, ${checkboxesVisible} field(s))`);
  const table = page.getByRole('table');
  check(await table.isVisible(), 'printed, the sheet is a table');
  const heads = await table.locator('th').allInnerTexts();
  check(heads.join(' | ') === 'N° | Nom | Prénom | Signature', `with a signature column (${heads.join(' | ')})`);
  const sheetNames = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(1, 3).map((c) => c.textContent).join(' ').trim()));
  check(
    sheetNames.join(' | ') === 'Bouchard Émile | Côté Zoé | Gagnon Léa | Lévesque Mathis | Roy Léo | Tremblay Noah |  |  | ',
    `the whole list, by name, and blank rows for walk-ins (${sheetNames.join(' | ')})`,
  );
  const printedHead = await page.locator('.activity-head').innerText();
  check(/Feuille de présence/i.test(printedHead) && printedHead.includes('Atelier BMC') && printedHead.includes('19 novembre 2020') && printedHead.includes('2020-2021') && printedHead.includes('Idéation'), `its title, date, cohort and stage (${printedHead.replaceAll('\n', ' ')})`);
  await axe(page, 'the printed sheet');
  await shot(page, 'activity-print');
  const pdf = join(shots, 'app-activity-sheet.pdf');
  await page.pdf({ path: pdf, format: 'Letter', printBackground: true });
  const size = statSync(pdf).size;
  check(size > 2000 && readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', `the sheet prints to a PDF (${pdf}, ${size} bytes)`);
  // Only those recorded, when chosen.
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Les présences enregistrées seulement').check();
  await page.emulateMedia({ media: 'print' });
  const recordedSheet = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.cells[1].textContent));
  check(recordedSheet.join(' | ') === 'Bouchard | Gagnon | Lévesque | Tremblay', `or the recorded people only (${recordedSheet.join(' | ')})`);
  await shot(page, 'activity-print-recorded');
  await page.emulateMedia({ media: 'screen' });

  // Another region's activity: not found, and nothing of it shown.
  await page.goto(`${origin}/activites/${encodeURIComponent(otherRegionActivity)}`);
  await page.getByRole('alert').filter({ hasText: 'Cette activité est introuvable' }).waitFor();
  check((await page.getByText('Activité d’une autre région').count()) === 0, 'another region’s activity is answered as not found');
  await axe(page, 'an activity not found');

  // English, one switch away.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Activités' }).click();
  await page.getByRole('link', { name: 'Atelier BMC' }).click();
  await page.getByRole('heading', { name: 'Atelier BMC', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Attendance', level: 2 }).waitFor();
  check((await page.getByText('4 attendees already recorded.').count()) === 1 && (await page.getByRole('button', { name: 'Print the sheet' }).count()) === 1, 'the activity page in English');
  await axe(page, 'the activity page in English');
  await page.getByRole('button', { name: 'Passer au français' }).click();
  await page.getByRole('heading', { name: 'Présences', level: 2 }).waitFor();

  // A phone: 390 px wide.
  const { context: phone, page: phonePage } = await h.signedInPage(email, password, { width: 390, height: 844 });
  await phonePage.goto(`${origin}/activites`);
  await phonePage.getByRole('link', { name: 'Atelier BMC' }).waitFor();
  let overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the list at 390 px: nothing overflows sideways (${overflow} px)`);
  await axe(phonePage, 'the activities list at 390 px');
  await shot(phonePage, 'activities-390');
  await phonePage.getByRole('link', { name: 'Atelier BMC' }).click();
  await phonePage.getByText('4 présences déjà enregistrées.').waitFor();
  await phonePage.getByLabel('Rechercher une personne (prénom, nom)').fill('roy');
  await phonePage.getByText('1 personne affichée sur 6').waitFor();
  overflow = await phonePage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the activity page at 390 px: nothing overflows sideways (${overflow} px)`);
  await axe(phonePage, 'the activity page at 390 px');
  await shot(phonePage, 'activity-390');
  await phonePage.getByLabel('Rechercher une personne (prénom, nom)').fill('');
  await phonePage.getByRole('link', { name: 'Retour aux activités' }).click();
  await phonePage.getByRole('button', { name: 'Nouvelle activité' }).click();
  await phonePage.getByRole('dialog', { name: 'Créer une activité' }).waitFor();
  await axe(phonePage, 'the new-activity form at 390 px');
  await shot(phonePage, 'activity-create-390');
  await phone.close();

  // Nothing about the participants left in the browser's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  check(!/Gagnon|Tremblay|Bouchard/.test(stored), `no participant's name in local or session storage (${stored})`);

  await h.finish('the activities and attendance screens work in Chromium', [page]);
} catch (error) {
  h.crashed(error);
  await h.finish('the activities and attendance screens work in Chromium');
}
