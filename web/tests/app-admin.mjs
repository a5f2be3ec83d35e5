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
  await h.finish('the administrators’ screens work in Chromium', pages);
} catch (error) {
  h.crashed(error);
  await h.finish('the administrators’ screens work in Chromium', pages);
}
