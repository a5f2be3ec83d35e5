// The import screen (/import) in a real browser (Debian's Chromium, playwright-core), against
// the real server with the demo dataset loaded (run by `tests/api/web_import.rs`).
// Usage: node tests/app-import.mjs <server URL> <agent email> <password> <admin email> <admin password> <partner email> <docs folder> [screenshot folder]
// Checks, as the demo agent: « Importer » in the navigation; « Vérifier » without a file; the
// broken examples (every problem in a table with its file, line, column and reason in French;
// the likely duplicate linked to the registered person; the unknown column as a warning; no
// confirm button) and nothing written; the example workbook's preview (counts per kind) and
// still nothing written; « Confirmer l’importation » writes it (checked through the API); the
// same workbook again: nothing new, no confirm button; English; 390 px. As an admin: the region
// to choose. As a partner: no import screen. axe-core on every state, screenshots.
import { join } from 'node:path';
import { harness } from './harness.mjs';

const [base, email, password, adminEmail, adminPassword, partnerEmail, docs, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password || !adminEmail || !adminPassword || !partnerEmail || !docs) {
  console.error('usage: node tests/app-import.mjs <server URL> <agent email> <password> <admin email> <admin password> <partner email> <docs folder> [screenshot folder]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;
const broken = [join(docs, 'import-erreurs-participants.csv'), join(docs, 'import-erreurs-suivis.csv')];
const workbook = [join(docs, 'import-exemple.xlsx')];

/** The rows of a table (by its accessible name) as arrays of cell texts. */
const rows = (page, name) =>
  page.getByRole('table', { name }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

const radioProjects = async (page) =>
  (await h.graphql(page, '{ projects(first: 50) { edges { node { name } } } }')).projects.edges.filter((e) => e.node.name === 'Coop de la radio étudiante').length;

const pages = [];
try {
  const { page } = await h.signedInPage(email, password);
  pages.push(page);
  await page.goto(`${origin}/`);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Importer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des tableaux' }).waitFor();
  check(new URL(page.url()).pathname === '/import', 'the nav entry « Importer » opens /import');
  check((await page.getByLabel('Région où importer').count()) === 0, 'an agent imports into their own region: no region to choose');
  await axe(page, 'the import screen');
  await shot(page, 'import');

  await page.getByRole('button', { name: 'Vérifier' }).click();
  check((await page.getByRole('alert').textContent()) === 'Choisissez au moins un fichier.', '« Vérifier » without a file says to choose one');

  // The broken examples: every bad row, nothing written.
  await page.getByLabel('Fichiers (XLSX, ODS ou CSV)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByRole('heading', { level: 2, name: 'Aperçu de l’importation' }).waitFor();
  check(await page.getByRole('heading', { level: 2, name: 'Aperçu de l’importation' }).evaluate((el) => el === document.activeElement), 'focus moves to the preview');
  const notice = await page.locator('.import-report .notice').textContent();
  check(notice.startsWith('14 problèmes et 1 doublon probable : rien ne sera enregistré'), `the preview says nothing will be saved (${notice})`);
  const problems = await rows(page, '14 problèmes à corriger');
  check(problems.length === 14, `14 problems listed (${problems.length})`);
  check(JSON.stringify(problems[0]) === JSON.stringify(['import-erreurs-participants.csv', '3', 'A (Prénom)', 'obligatoire']), `the first problem: file, line, column, reason (${problems[0]})`);
  check(problems.some((p) => p[0] === 'import-erreurs-suivis.csv' && p[1] === '8' && p[2] === 'D (Cohorte)' && p[3] === 'cohorte inconnue dans cette région'), 'an unknown cohort, line 8, column D');
  check(!problems.flat().some((cell) => /Roussel|Pigeon|imaginaire|2031/.test(cell)), 'no cell value is quoted in the reasons');
  const duplicate = page.getByRole('link', { name: 'Léa Gagnon, née ou né en 2001' });
  check((await duplicate.count()) === 1 && (await duplicate.getAttribute('href')).startsWith('/participants/'), 'the likely duplicate links to the registered person');
  check((await page.getByText('import-erreurs-participants.csv, colonne I (Colonne inventée) : colonne inconnue, ignorée').count()) === 1, 'the unknown column is a warning');
  check((await page.getByRole('button', { name: 'Confirmer l’importation' }).count()) === 0, 'no confirm button while problems are left');
  check((await radioProjects(page)) === 0, 'nothing written');
  await axe(page, 'the preview with problems');
  await shot(page, 'import-problems');

  // The example workbook: ready, still nothing written.
  await page.getByLabel('Fichiers (XLSX, ODS ou CSV)').setInputFiles(workbook);
  check((await page.locator('.import-report').count()) === 0, 'choosing other files clears the preview');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByText('Tout est prêt. Rien n’est encore enregistré').waitFor();
  const counts = await page.getByRole('table', { name: 'Par sorte de lignes' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  check(JSON.stringify(counts[0]) === JSON.stringify(['Projets', '3', '3', '0', '0', '—']), `projects: 3 to create (${counts[0]})`);
  check(JSON.stringify(counts[1]) === JSON.stringify(['Participants', '4', '4', '0', '0', '4']), `participants: 4 to create, 4 consents (${counts[1]})`);
  check(counts.length === 5, 'five kinds of rows');
  check((await page.getByText('import-exemple.xlsx (feuille « Présences ») : 6 lignes de présences').count()) === 1, 'the sheets read are listed');
  check((await radioProjects(page)) === 0, 'a dry run writes nothing');
  await axe(page, 'the ready preview');
  await shot(page, 'import-preview');

  await page.getByRole('button', { name: 'Confirmer l’importation' }).click();
  await page.getByRole('heading', { level: 2, name: 'Résultat de l’importation' }).waitFor();
  check((await page.getByRole('status').filter({ hasText: 'Importation enregistrée.' }).count()) >= 1, 'the import is saved');
  check((await page.getByRole('columnheader', { name: 'Créées' }).count()) === 1, 'the result counts what was created');
  check((await radioProjects(page)) === 1, 'the project is recorded (through the API)');
  check((await page.getByLabel('Fichiers (XLSX, ODS ou CSV)').evaluate((input) => input.files.length)) === 0, 'the file input is emptied');
  await axe(page, 'the result');
  await shot(page, 'import-done');

  // The same workbook again: nothing new.
  await page.getByLabel('Fichiers (XLSX, ODS ou CSV)').setInputFiles(workbook);
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByText('Tout est déjà enregistré : importer ces fichiers ne changerait rien.').waitFor();
  check((await page.getByRole('button', { name: 'Confirmer l’importation' }).count()) === 0, 'nothing to confirm when everything is recorded');
  check((await radioProjects(page)) === 1, 'still one project');

  // English.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import spreadsheets' }).waitFor();
  await page.getByLabel('Files (XLSX, ODS or CSV)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByRole('heading', { level: 2, name: 'Import preview' }).waitFor();
  const english = await rows(page, '14 problems to fix');
  check(JSON.stringify(english[0]) === JSON.stringify(['import-erreurs-participants.csv', '3', 'A (Prénom)', 'required']), `reasons in English (${english[0]})`);
  await axe(page, 'the preview in English');
  await page.getByRole('button', { name: 'Passer au français' }).click();

  // A phone.
  const phone = await h.signedInPage(email, password, { width: 390, height: 844 });
  pages.push(phone.page);
  await phone.page.goto(`${origin}/import`);
  await phone.page.getByLabel('Fichiers (XLSX, ODS ou CSV)').setInputFiles(broken);
  await phone.page.getByRole('button', { name: 'Vérifier' }).click();
  await phone.page.getByRole('heading', { level: 2, name: 'Aperçu de l’importation' }).waitFor();
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the page fits 390 px (the tables scroll inside their box; overflow ${overflow})`);
  await axe(phone.page, 'the preview at 390 px');
  await shot(phone.page, 'import-390');

  // An administrator chooses the region.
  const admin = await h.signedInPage(adminEmail, adminPassword);
  pages.push(admin.page);
  await admin.page.goto(`${origin}/import`);
  const region = admin.page.getByLabel('Région où importer');
  await region.waitFor();
  await admin.page.getByLabel('Fichiers (XLSX, ODS ou CSV)').setInputFiles(workbook);
  await admin.page.getByRole('button', { name: 'Vérifier' }).click();
  check((await admin.page.getByRole('alert').textContent()) === 'Choisissez la région où importer.', 'an admin is asked for the region');
  await region.selectOption({ label: 'Centre-du-Québec' });
  await admin.page.getByRole('button', { name: 'Vérifier' }).click();
  await admin.page.getByText('Tout est déjà enregistré : importer ces fichiers ne changerait rien.').waitFor();
  check(true, 'an admin checks the workbook against the chosen region');
  await axe(admin.page, 'the import screen of an admin');
  await shot(admin.page, 'import-admin');

  // A partner has no import screen.
  const partner = await h.signedInPage(partnerEmail, password);
  pages.push(partner.page);
  await partner.page.goto(`${origin}/mes-projets`);
  await partner.page.getByRole('heading', { level: 1 }).first().waitFor();
  check((await partner.page.getByRole('link', { name: 'Importer' }).count()) === 0, 'no « Importer » for a partner');
  await partner.page.goto(`${origin}/import`);
  await partner.page.getByRole('heading', { level: 1 }).first().waitFor();
  check((await partner.page.getByRole('heading', { name: 'Importer des tableaux' }).count()) === 0, 'a partner opening /import does not get the screen');
} catch (error) {
  h.crashed(error);
}
await h.finish('the import screen works in Chromium', pages);
