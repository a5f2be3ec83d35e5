// The partner's screens in Chromium: only the partner's own projects, also when following every
// link; filters kept in the address and shared; no screen that would answer FORBIDDEN; nothing
// a partner may not see (no notes, no follow-up texts, no participant).
// Usage: node tests/app-partner.mjs <server URL> <partner email> <password> <expected projects, JSON>
//   <another partner's project id> <forbidden texts, JSON> [screenshot folder]
import { harness } from './harness.mjs';

const [base, email, password, expectedJson, otherId, forbiddenJson, shots = 'test-results'] = process.argv.slice(2);
if (!base || !email || !password || !expectedJson || !otherId || !forbiddenJson) {
  console.error('usage: node tests/app-partner.mjs <URL> <email> <password> <expected JSON> <other project id> <forbidden JSON> [shots]');
  process.exit(2);
}
const expected = JSON.parse(expectedJson); // [{ name, stage }]
const forbidden = JSON.parse(forbiddenJson); // texts that must appear nowhere
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;
const pages = [];
const noForbidden = async (page, where) => {
  const text = await page.evaluate(() => document.body.innerText + ' ' + [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)).join(' '));
  const seen = forbidden.filter((f) => text.includes(f));
  check(seen.length === 0, `${where}: nothing a partner may not see (${seen.join(', ') || 'none'})`);
};

try {
  const context = await h.newContext();
  const page = h.watch(await context.newPage());
  pages.push(page);
  await page.goto(`${origin}/`);
  await h.signIn(page, email, password);
  await page.getByRole('heading', { name: 'Projets issus de votre établissement' }).waitFor();
  check(new URL(page.url()).pathname === '/mes-projets', `a partner lands on « Mes projets » (${page.url()})`);
  const nav = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allInnerTexts();
  check(JSON.stringify(nav) === JSON.stringify(['Mes projets']), `the navigation offers no screen that would answer FORBIDDEN (${nav.join(', ')})`);
  check((await page.getByRole('button', { name: /Nouveau suivi/ }).count()) === 0, 'no follow-up form for a partner');
  const table = page.getByRole('table', { name: 'Projets issus de votre établissement' });
  await table.waitFor();
  const names = (await table.locator('tbody th').allInnerTexts()).sort();
  check(JSON.stringify(names) === JSON.stringify(expected.map((p) => p.name).sort()), `the table lists the partner's projects only (${names.join(', ')})`);
  const header = await table.locator('thead th').allInnerTexts();
  check(['Projet', 'Cohorte', 'Étape', 'Statut', 'Dernier suivi', 'Suivis', 'Équipe'].every((c) => header.includes(c)), `columns: ${header.join(', ')}`);
  await noForbidden(page, 'the projects table');
  await axe(page, 'the partner’s projects');
  await shot(page, 'partner-projects');

  // Every link: each project's page, its timeline, and back.
  for (const project of expected) {
    await table.getByRole('link', { name: project.name, exact: true }).click();
    await page.getByRole('heading', { name: project.name, level: 1 }).waitFor();
    const history = await page.getByRole('region', { name: 'Historique des étapes' }).getByRole('listitem').count();
    check(history >= 1, `« ${project.name} »: its page shows its stage history (${history} entries)`);
    await noForbidden(page, `« ${project.name} »`);
    if (project === expected[0]) {
      await axe(page, 'a partner’s project page');
      await shot(page, 'partner-project');
    }
    for (const link of await page.getByRole('main').getByRole('link').all()) {
      const href = await link.getAttribute('href');
      check(href === '/mes-projets', `« ${project.name} »: its only link leads back to « Mes projets » (${href})`);
    }
    await page.getByRole('link', { name: 'Retour à mes projets' }).click();
    await table.waitFor();
  }

  // Filters in the address, shared with a colleague.
  await page.getByLabel('Étape').selectOption({ label: 'Idéation' });
  await page.waitForURL(/etape=IDEATION/);
  const ideation = expected.filter((p) => p.stage === 'IDEATION').map((p) => p.name).sort();
  check(JSON.stringify((await table.locator('tbody th').allInnerTexts()).sort()) === JSON.stringify(ideation), `filtering Idéation keeps ${ideation.join(', ')}`);
  await page.getByLabel('Statut').selectOption({ label: 'Actif' });
  await page.waitForURL(/statut=ACTIVE/);
  const shared = page.url();
  await page.reload();
  await table.waitFor();
  check((await page.getByLabel('Étape').inputValue()) === 'IDEATION' && (await page.getByLabel('Statut').inputValue()) === 'ACTIVE', 'a reload keeps the filters');
  const colleague = await h.signedInPage(email, password);
  pages.push(colleague.page);
  await colleague.page.goto(shared);
  await colleague.page.getByRole('table').waitFor();
  check(JSON.stringify((await colleague.page.getByRole('table').locator('tbody th').allInnerTexts()).sort()) === JSON.stringify((await table.locator('tbody th').allInnerTexts()).sort()), `a colleague opening the link sees the same filtered list (${shared})`);
  await colleague.context.close();
  check(!/[A-Za-zÀ-ÿ]{3,}\s[A-Za-zÀ-ÿ]{3,}/.test(decodeURIComponent(new URL(shared).search)), 'the address holds ids and codes, no names');

  // Another partner's project, and the screens of other roles.
  await page.goto(`${origin}/mes-projets/${encodeURIComponent(otherId)}`);
  await page.getByRole('alert').waitFor();
  check(/introuvable/i.test(await page.getByRole('alert').innerText()), 'another partner’s project answers « introuvable », as if it did not exist');
  await noForbidden(page, 'another partner’s project');
  for (const path of ['/participants', '/rapports', '/a-surveiller', '/activites', '/projets/abc']) {
    await page.goto(`${origin}${path}`);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  }
  check(true, 'the screens of other roles are not there for a partner (« Page introuvable », no FORBIDDEN)');
  await axe(page, 'a page a partner does not have');

  // A phone.
  const phone = await h.signedInPage(email, password, { width: 390, height: 844 });
  pages.push(phone.page);
  await phone.page.goto(`${origin}/mes-projets`);
  await phone.page.getByRole('table').waitFor();
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `at 390 px the page does not overflow (the table scrolls in its own region) (${overflow} px)`);
  await axe(phone.page, 'the partner’s projects at 390 px');
  await shot(phone.page, 'partner-projects-390');
  await h.finish('the partner’s screens work in Chromium', pages);
} catch (error) {
  h.crashed(error);
  await h.finish('the partner’s screens work in Chromium', pages);
}
