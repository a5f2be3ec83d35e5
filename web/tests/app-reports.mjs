// The report screens in a real browser (Debian's Chromium, driven by playwright-core), against
// the real server, with every request to another origin blocked and recorded.
// Usage: node tests/app-reports.mjs <server URL> <agent email> <funder email> <password>
//          <cohort id> <small cohort id> <names as JSON> <downloads folder> [screenshot folder]
// The server holds the demo dataset (Centre-du-Québec, cohorts 2019-2020 and 2020-2021), a
// small cohort 2021-2022 of 3 people in the same region, and a region « Région B » whose
// 2020-2021 cohort reached 2 people. `names` lists every project and participant name.
// As the agent: the list of the region's cohorts, the cohort report (every figure and table
// equal to the API's cohortReport, charts named and drawn), the annual report's paragraph
// (equal to the API's `narrative`, the seed's sentence) and « Copier le texte » (exactly its
// `text` on the clipboard; without a clipboard, the text selected in a field), the downloads
// (the CSV's and the French-Excel CSV's bytes, the XLSX saved in the downloads folder as
// `agent.xlsx` for the Rust runner to read with calamine), « Imprimer », the print layout (nav
// and buttons gone, page breaks) saved as PDF (its text, the paragraph's included, checked),
// 390 px, English; the network report is not offered. As the funder: the cohorts of every region
// by programme year, the same report with « < 5 » exactly where the API says a hidden count is
// below 5 (`suppressedBelow`, people reached) and « masqué » where a count is hidden without it,
// never a 0 (hatched slots in the charts), the paragraph as the API writes it for a funder, no
// participant or project name anywhere, the XLSX (`funder.xlsx`), the small cohort (hidden total
// and comparison, « Moins de 5 personnes »), its PDF, the network report (« < 5 » for a region of
// one cohort, « masqué » for the network's total). axe-core on every page and state (0 serious or
// critical), screenshots at 1400 and 390 px.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { harness } from './harness.mjs';
import { pdfPageCount, pdfText } from './pdf-text.mjs';

const [base, agentEmail, funderEmail, password, cohortId, smallId, namesJson, downloads, shots = 'test-results'] = process.argv.slice(2);
if (!base || !agentEmail || !funderEmail || !password || !cohortId || !smallId || !namesJson || !downloads) {
  console.error('usage: node tests/app-reports.mjs <server URL> <agent email> <funder email> <password> <cohort id> <small cohort id> <names JSON> <downloads folder> [screenshot folder]');
  process.exit(2);
}
const names = JSON.parse(namesJson);
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;

const REPORT = `query($id: ID!, $language: Language! = FR) { cohortReport(cohortId: $id) {
  cohort { name region { name } }
  suppression { applied threshold }
  participantsReached participantsReachedSuppressed
  participantsByStage { stage count suppressed suppressedBelow }
  projectCount projectsByStage { stage count suppressed suppressedBelow } projectsByStatus { status count suppressed }
  enterprisesCreated followUpCount
  followUpsByOrigin { partner { name } projectCount followUpCount }
  partnerFollowUps { partner { name } followUpCount }
  awards { count totalAmountCents }
  funnel { steps { stage projectsReached conversionToNext } launched launchRate }
  projectsBySector { sector count suppressed } projectsByMrc { mrc count suppressed suppressedBelow }
  participantsByGender { gender count suppressed suppressedBelow } participantsByAgeBand { band count suppressed suppressedBelow }
  participantsByMrc { mrc count suppressed suppressedBelow } teamsByComposition { composition count suppressed suppressedBelow }
  comparison { previousCohort { name } figures { figure current previous difference percentChange suppressed } }
  narrative(language: $language) { language summary sections { heading items } note text } } }`;
/** The annual report's sentence for the demo cohort (shared/DOMAIN.md, the 2020-2021 report). */
const SEED_SENTENCE = '18 personnes rejointes par les activités du parcours (10 révélation, 13 idéation, 8 prototypage), pour un total de 7 projets, dont une entreprise d\'économie sociale créée';
const NETWORK = `query($y: Int!) { networkReport(programYear: $y) {
  regions { region { name } figures { cohortCount participantsReached projectCount enterprisesCreated followUpCount partnerFollowUpCount awardCount } }
  total { cohortCount participantsReached projectCount enterprisesCreated followUpCount partnerFollowUpCount awardCount } } }`;

/** Spaces as Intl writes them (no-break, narrow no-break) read as plain spaces. */
const plain = (s) => String(s).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const fr = (n) => plain(new Intl.NumberFormat('fr-CA', { maximumFractionDigits: 1 }).format(n));
const rate = (r) => plain(new Intl.NumberFormat('fr-CA', { style: 'percent', maximumFractionDigits: r !== 0 && Math.abs(r) < 0.1 ? 1 : 0 }).format(r));
const money = (cents) => plain(new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }).format(cents / 100));
/**
 * What a count reads on the page: the number, or « < 5 » for a hidden count known to be below
 * the threshold (people reached, a side of the comparison: always), or « masqué ».
 */
const shown = (count, threshold = 5, below = threshold) => (count === null || count === undefined ? (below ? `< ${below}` : 'masqué') : fr(count));
/** What a breakdown's cell reads: « < 5 » exactly where the API gives `suppressedBelow`. */
const shownCell = (c) => (c.count === null ? (c.suppressedBelow ? `< ${c.suppressedBelow}` : 'masqué') : fr(c.count));
/** A network figure of people: « < 5 » only over one cohort (hidden then only when small). */
const shownNetwork = (f, threshold = 5) => shown(f.participantsReached, threshold, f.cohortCount === 1 ? threshold : null);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The rows of the table named `name` (its caption), as plain texts per cell; tfoot last. */
async function tableRows(page, name, { foot = false } = {}) {
  const table = page.getByRole('table', { name, exact: true });
  await table.waitFor();
  return table.evaluate(
    (t, foot) => [...t.querySelectorAll(foot ? 'tfoot tr' : 'tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim())),
    foot,
  );
}

/** The headline figures (the « Chiffres clés » list) as { label: value }. */
async function headline(page) {
  return page.evaluate(() => {
    const out = {};
    const list = document.getElementById('figures-title')?.closest('section')?.querySelector('dl');
    for (const div of list?.children ?? []) {
      out[div.querySelector('dt').textContent.trim()] = div.querySelector('dd').textContent.replace(/[\u00a0\u202f]/g, ' ').trim();
    }
    return out;
  });
}

/**
 * Checks the « Le paragraphe du rapport annuel » section against the API's `narrative` `n`:
 * the sentence, each list (by its heading) and its items, the note, character for character
 * (no-break spaces included), and that what the page shows is exactly the plain `text` copied.
 * Returns the section's text as shown.
 */
async function checkNarrative(page, n, who, title = 'Le paragraphe du rapport annuel') {
  const section = page.getByRole('region', { name: title, exact: true });
  await section.waitFor();
  const seen = await section.evaluate((s) => ({
    summary: s.querySelector('.narrative-summary')?.textContent ?? null,
    sections: [...s.querySelectorAll('.narrative-list')].map((d) => ({ heading: d.querySelector('h3')?.textContent, items: [...d.querySelectorAll('li')].map((li) => li.textContent) })),
    note: s.querySelector('.narrative-note')?.textContent ?? null,
  }));
  check(seen.summary === n.summary, `${who}: the paragraph's sentence is the API's (« ${seen.summary} »)`);
  check(same(seen.sections, n.sections), `${who}: its lists are the API's (${n.sections.map((x) => `${x.heading}: ${x.items.length}`).join(', ')})`);
  for (const list of n.sections) {
    check((await section.getByRole('heading', { name: list.heading, level: 3, exact: true }).count()) === 1 && (await section.getByRole('list', { name: list.heading, exact: true }).getByRole('listitem').count()) === list.items.length, `${who}: « ${list.heading} » is a titled list of ${list.items.length} item(s)`);
  }
  check(seen.note === (n.note ?? null), `${who}: its note is the API's (${n.note === null ? 'none' : `« ${n.note.slice(0, 60)}… »`})`);
  const rebuilt = [n.summary, ...n.sections.map((x) => [x.heading, ...x.items.map((i) => `▪ ${i}`)].join('\n')), ...(n.note ? [n.note] : [])].join('\n\n');
  check(rebuilt === n.text, `${who}: the page shows exactly the text that « Copier le texte » copies`);
  return section.innerText();
}

/** The breakdowns a cohort report draws as a chart with a table: title → the API's cells. */
const breakdowns = (r) => [
  ['Personnes rejointes par étape du parcours', r.participantsByStage],
  ['Personnes rejointes par genre', r.participantsByGender],
  ['Personnes rejointes par groupe d’âge (au début de la cohorte)', r.participantsByAgeBand],
  ['Personnes rejointes par MRC de résidence', r.participantsByMrc],
  ['Projets par étape actuelle', r.projectsByStage],
  ['Projets par statut', r.projectsByStatus],
  ['Projets par secteur d’activité', r.projectsBySector],
  ['Projets par MRC', r.projectsByMrc],
  ['Projets selon la composition du groupe promoteur', r.teamsByComposition],
];

/**
 * Checks every figure of the open cohort report against the API's answer `r` for the same
 * viewer: headline, each breakdown's table (and its chart: one bar per non-zero count, one
 * hatched slot per hidden one), the funnel, follow-ups by origin and with partners, the
 * comparison. Returns how many hidden cells the page shows.
 */
async function checkReport(page, r, who) {
  const threshold = r.suppression.threshold;
  const figures = await headline(page);
  const partnerTotal = r.partnerFollowUps.reduce((s, p) => s + p.followUpCount, 0);
  const expected = {
    'Personnes rejointes': shown(r.participantsReached, threshold),
    Projets: fr(r.projectCount),
    'Entreprises d’économie sociale créées': fr(r.enterprisesCreated),
    'Suivis de projets': fr(r.followUpCount),
    'Suivis avec les partenaires': fr(partnerTotal),
    Bourses: fr(r.awards.count),
    'Montant des bourses': money(r.awards.totalAmountCents),
  };
  check(same(figures, expected), `${who}: the key figures are the API's (${JSON.stringify(figures)})`);

  const hiddenCells = { below: 0, withheld: 0 };
  for (const [title, cells] of breakdowns(r)) {
    const rows = await tableRows(page, title);
    const values = rows.map((row) => row[1]);
    const want = cells.map(shownCell);
    check(same(values, want), `${who}: « ${title} » shows the API's counts (${values.join(' | ')})`);
    const figure = page.getByRole('figure', { name: title, exact: true });
    const chart = figure.getByRole('img', { name: title, exact: true });
    const bars = await chart.locator('rect.bar').count();
    const slots = await chart.locator('rect.hidden-slot').count();
    const nonZero = cells.filter((c) => c.count !== null && c.count > 0).length;
    const hidden = cells.filter((c) => c.count === null);
    const below = hidden.filter((c) => c.suppressedBelow).length;
    hiddenCells.below += below;
    hiddenCells.withheld += hidden.length - below;
    check(bars === nonZero && slots === hidden.length, `${who}: its chart draws ${nonZero} bar(s) and ${hidden.length} hatched slot(s) (${bars}, ${slots})`);
    const slotLabels = await chart.locator('g.hidden-bar text').allTextContents();
    check(same(slotLabels, hidden.map(shownCell)), `${who}: its hatched slots read ${JSON.stringify(slotLabels)}`);
    const notes = await figure.locator('.hidden-note').allTextContents();
    const wantNotes = [below > 0, hidden.length > below].filter(Boolean).length;
    check(notes.length === wantNotes && (hidden.length === below || notes.some((n) => n.includes('« masqué »') && n.includes('5 ou plus'))), `${who}: its footnotes say what each kind of hatched slot means (${notes.length})`);
  }

  const funnel = await tableRows(page, 'Parcours des projets : entonnoir des étapes');
  const wantFunnel = [
    ...r.funnel.steps.map((s, i) => {
      const last = i === r.funnel.steps.length - 1;
      const share = last ? r.funnel.launchRate : s.conversionToNext;
      return [fr(s.projectsReached), share === null ? '—' : rate(share)];
    }),
    [fr(r.funnel.launched), '—'],
  ];
  check(same(funnel.map((row) => row.slice(1)), wantFunnel), `${who}: the funnel's table is the API's (${JSON.stringify(funnel)})`);

  const origins = await tableRows(page, 'Suivis de projets par partenaire d’origine');
  const wantOrigins = r.followUpsByOrigin.map((o) => [o.partner?.name ?? 'Sans partenaire d’origine', fr(o.projectCount), fr(o.followUpCount)]);
  check(same(origins, wantOrigins), `${who}: follow-ups by origin partner are the API's (${JSON.stringify(origins)})`);
  const total = await tableRows(page, 'Suivis de projets par partenaire d’origine', { foot: true });
  check(same(total, [['Total', fr(r.projectCount), fr(r.followUpCount)]]), `${who}: with their total`);
  if (r.partnerFollowUps.length > 0) {
    const partners = await tableRows(page, 'Suivis avec les partenaires (hors projet)');
    check(same(partners, r.partnerFollowUps.map((p) => [p.partner.name, fr(p.followUpCount)])), `${who}: follow-ups with partners are the API's`);
  }

  const comparison = r.comparison;
  if (comparison.previousCohort) {
    const rows = await tableRows(page, 'Comparaison avec la cohorte précédente');
    const wantValues = comparison.figures.map((f) => [shown(f.previous, threshold), shown(f.current, threshold)]);
    check(same(rows.map((row) => row.slice(1, 3)), wantValues), `${who}: the comparison with ${comparison.previousCohort.name} shows the API's values (${JSON.stringify(rows)})`);
    const words = comparison.figures.map((f) => {
      if (f.difference === null) return f.suppressed ? 'Masquée (elle révélerait un petit nombre)' : 'Non disponible';
      if (f.difference === 0) return 'Stable';
      const way = f.difference > 0 ? 'En hausse de' : 'En baisse de';
      const pct = f.percentChange === null ? '' : ` (${plain(new Intl.NumberFormat('fr-CA', { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(f.percentChange / 100))})`;
      return `${way} ${fr(Math.abs(f.difference))}${pct}`;
    });
    const arrows = comparison.figures.map((f) => (f.difference === null ? '' : f.difference > 0 ? '▲' : f.difference < 0 ? '▼' : '='));
    words.forEach((w, i) => (words[i] = plain(`${arrows[i]}${w}`)));
    check(same(rows.map((row) => row[3]), words), `${who}: up or down, and by how much (${rows.map((row) => row[3]).join(' | ')})`);
    for (const f of comparison.figures) hiddenCells.below += (f.previous === null ? 1 : 0) + (f.current === null ? 1 : 0);
  }
  return hiddenCells;
}

/** Every visible or hidden text of the page, attributes included (titles, labels). */
const everyText = (page) =>
  page.evaluate(() => {
    const parts = [document.documentElement.textContent ?? '', document.title];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) parts.push(a.value);
    return parts.join('\n');
  });
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const namesIn = (text) => names.filter((n) => new RegExp(`(^|[^\\p{L}])${escape(n)}($|[^\\p{L}])`, 'u').test(text));

/** Saves the page as it prints; checks the print layout and returns the PDF's text. */
async function printed(page, name, who) {
  await page.emulateMedia({ media: 'print' });
  check(!(await page.getByRole('banner').isVisible()) && !(await page.getByRole('navigation').first().isVisible()), `${who}: printed, the banner and navigation are gone`);
  check((await page.getByRole('button').filter({ visible: true }).count()) === 0, `${who}: printed, no button shows`);
  const breaks = await page.evaluate(() => [...document.querySelectorAll('article section[aria-labelledby]')].map((s) => getComputedStyle(s).breakBefore));
  check(breaks.filter((b) => b === 'page').length >= 2, `${who}: printed, sections start on a new page (${breaks.join(', ')})`);
  await axe(page, `${who}: the print layout`);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 720, height: 900 });
  await shot(page, `${name}-print`);
  await page.setViewportSize(viewport);
  const pdf = await page.pdf({ format: 'Letter', printBackground: true });
  await writeFile(join(shots, `app-${name}.pdf`), pdf);
  await page.emulateMedia({ media: 'screen' });
  const pages = pdfPageCount(pdf);
  const text = plain(pdfText(pdf));
  check(pdf.subarray(0, 5).toString() === '%PDF-' && pages >= 3, `${who}: the PDF has ${pages} pages`);
  return text;
}

try {
  // ---- The agent -------------------------------------------------------------------------
  const { context, page } = await h.signedInPage(agentEmail, password);
  await page.goto(`${origin}/rapports`);
  await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
  check((await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).getAttribute('aria-current')) === 'page', 'the navigation has « Rapports », current');
  await page.getByRole('link', { name: 'Cohorte 2020-2021' }).waitFor();
  const links = await page.getByRole('link', { name: /^Cohorte / }).allTextContents();
  check(same(links, ['Cohorte 2021-2022', 'Cohorte 2020-2021', 'Cohorte 2019-2020']), `the agent chooses among the region's cohorts, newest first (${links.join(', ')})`);
  check((await page.getByRole('link', { name: /Rapport du réseau/ }).count()) === 0, 'the network report is not offered to an agent (the API refuses it)');
  await axe(page, 'the list of reports (agent)');
  await shot(page, 'reports-agent');

  await page.getByRole('link', { name: 'Cohorte 2020-2021' }).click();
  await page.getByRole('heading', { name: 'Rapport de la cohorte 2020-2021', level: 1 }).waitFor();
  check(new URL(page.url()).pathname === `/rapports/cohortes/${encodeURIComponent(cohortId)}`, `the report has its own address (${new URL(page.url()).pathname})`);
  const exact = (await h.graphql(page, REPORT, { id: cohortId })).cohortReport;
  check(exact.participantsReached === 18 && !exact.suppression.applied, 'the API gives the agent exact figures (18 people reached)');
  const agentHidden = await checkReport(page, exact, 'agent');
  check(agentHidden.below + agentHidden.withheld === 0 && (await page.locator('td, dd, svg text').filter({ hasText: /< 5|masqué/ }).count()) === 0, 'the agent sees no hidden count');
  check((await page.getByRole('complementary', { name: 'Petits nombres masqués' }).count()) === 0, 'no suppression note for the agent');
  check((await page.getByText('Centre-du-Québec, du 1er avril 2020 au 31 mars 2021').count()) === 1, 'the report says the region and dates in French');
  await axe(page, 'the cohort report (agent)');
  await shot(page, 'report-agent');

  // The annual report's paragraph, in French, and « Copier le texte ».
  const agentNarrative = exact.narrative;
  check(agentNarrative.language === 'FR' && agentNarrative.summary.startsWith(SEED_SENTENCE) && agentNarrative.summary === `${SEED_SENTENCE}.`, `the API's paragraph starts with the seed's sentence (« ${agentNarrative.summary} »)`);
  await checkNarrative(page, agentNarrative, 'agent');
  const order = await page.getByRole('heading', { level: 2 }).allTextContents();
  check(order.indexOf('Le paragraphe du rapport annuel') === order.indexOf('Chiffres clés') + 1, `the paragraph follows the key figures (${order.join(' · ')})`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(() => navigator.clipboard.writeText('rien encore'));
  await page.getByRole('button', { name: 'Copier le texte', exact: true }).click();
  await page.getByText('Texte copié : collez-le dans le rapport annuel.').first().waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === agentNarrative.text, `« Copier le texte » puts exactly the API's text on the clipboard (${copied.length} characters, no-break spaces kept: ${copied.includes('\u00a0:')})`);
  const announcer = page.locator('.announcer');
  await page.waitForFunction(() => document.querySelector('.announcer')?.textContent === 'Texte copié : collez-le dans le rapport annuel.');
  check((await announcer.getAttribute('role')) === 'status' && (await page.getByRole('region', { name: 'Le paragraphe du rapport annuel' }).getByText('Texte copié').isVisible()), 'the copy is confirmed on screen, beside the button, and announced (polite live region)');
  await axe(page, 'the paragraph, copied');
  // No clipboard (plain HTTP off this computer is not a secure context): the text, selected.
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true }));
  await page.getByRole('button', { name: 'Copier le texte', exact: true }).click();
  const plainField = page.getByLabel('Le presse-papiers n’est pas accessible ici', { exact: false });
  await plainField.waitFor();
  const selection = await plainField.evaluate((t) => ({ focused: document.activeElement === t, value: t.value, start: t.selectionStart, end: t.selectionEnd, readOnly: t.readOnly }));
  check(selection.focused && selection.readOnly && selection.value === agentNarrative.text && selection.start === 0 && selection.end === agentNarrative.text.length, `without a clipboard, the text shows in a field, focused and selected for Ctrl+C (${selection.start}–${selection.end} of ${agentNarrative.text.length})`);
  await axe(page, 'the paragraph without a clipboard (text selected)');
  await page.getByRole('region', { name: 'Le paragraphe du rapport annuel' }).screenshot({ path: join(shots, 'app-report-narrative-fallback.png') });
  await page.evaluate(() => delete navigator.clipboard);
  await page.getByRole('button', { name: 'Copier le texte', exact: true }).click();
  await page.getByText('Texte copié : collez-le dans le rapport annuel.').first().waitFor();
  check((await page.evaluate(() => navigator.clipboard.readText())) === agentNarrative.text && (await plainField.count()) === 0, 'with the clipboard back, the text is copied and the field goes away');

  // The CSV: fetched with the CSRF header, saved through a Blob URL.
  const downloadButtons = await page.getByRole('region', { name: 'Télécharger le rapport' }).getByRole('button').allTextContents();
  check(same(downloadButtons, ['Classeur Excel (XLSX)', 'CSV pour Excel (français)', 'CSV standard', 'JSON']), `the downloads: ${downloadButtons.join(', ')}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV standard', exact: true }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  check(download.suggestedFilename() === 'rapport-cohorte-2020-2021.csv', `the CSV is saved as ${download.suggestedFilename()}`);
  check(csv.startsWith('\ufeff') && csv.includes('Personnes rejointes,Total,18,non\r\n') && csv.includes('Personnes rejointes par étape,Révélation,10,non\r\n') && csv.includes('Projets,Entreprises créées,1,non\r\n'), 'the CSV holds the report (BOM, 18 people reached, 10 in révélation, 1 enterprise)');
  const direct = await context.request.get(`${origin}/reports/cohorts/${encodeURIComponent(cohortId)}.csv?lang=fr`, { headers: { 'x-sismic-request': '1' } });
  check(direct.ok() && (await direct.text()) === csv, 'the downloaded CSV is exactly what the server answers');
  await page.getByText('Fichier téléchargé : rapport-cohorte-2020-2021.csv').waitFor();
  check(await page.evaluate(() => [...document.querySelectorAll('a[href^="blob:"]')].length === 0), 'no Blob link is left in the page');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON', exact: true }).click()]);
  const body = JSON.parse(await readFile(await json.path(), 'utf8'));
  check(body.participantsReached === 18 && json.suggestedFilename() === 'rapport-cohorte-2020-2021.json', 'the JSON download holds the report too');

  // The CSV that French-locale Excel opens: BOM, semicolons, decimal commas.
  const [excelFr] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV pour Excel (français)', exact: true }).click()]);
  const excelBytes = await readFile(await excelFr.path());
  const excelText = excelBytes.subarray(3).toString('utf8');
  check(excelFr.suggestedFilename() === 'rapport-cohorte-2020-2021-excel-fr.csv', `the French-Excel CSV is saved as ${excelFr.suggestedFilename()}`);
  check(excelBytes[0] === 0xef && excelBytes[1] === 0xbb && excelBytes[2] === 0xbf, 'its bytes start with the UTF-8 byte-order mark (EF BB BF)');
  check(excelText.startsWith('Section;Catégorie;Valeur;Masquée (petit effectif)\r\n') && excelText.includes('Personnes rejointes;Total;18;non\r\n') && excelText.includes('Bourses;Montant total ($);5000,00;non\r\n'), 'it is separated by semicolons, with decimal commas (5000,00) and CRLF');
  const excelRecords = excelText.split('\r\n').filter(Boolean);
  check(excelRecords.every((line) => line.split(';').length >= 4), `every one of its ${excelRecords.length} lines has its fields separated by semicolons`);
  const directFr = await context.request.get(`${origin}/reports/cohorts/${encodeURIComponent(cohortId)}.csv?dialect=excel-fr&lang=fr`, { headers: { 'x-sismic-request': '1' } });
  check(directFr.ok() && Buffer.compare(await directFr.body(), excelBytes) === 0, 'the downloaded French-Excel CSV is byte for byte what the server answers');

  // The workbook: saved where the Rust runner reads it back with calamine.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Classeur Excel (XLSX)', exact: true }).click()]);
  await xlsx.saveAs(join(downloads, 'agent.xlsx'));
  const xlsxBytes = await readFile(join(downloads, 'agent.xlsx'));
  check(xlsx.suggestedFilename() === 'rapport-cohorte-2020-2021.xlsx' && xlsxBytes.subarray(0, 2).toString() === 'PK', `the workbook is saved as ${xlsx.suggestedFilename()} (a ZIP container, ${xlsxBytes.length} bytes)`);
  await page.getByText('Fichier téléchargé : rapport-cohorte-2020-2021.xlsx').waitFor();

  // « Imprimer », then the print layout, saved as PDF.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
    };
  });
  await page.getByRole('button', { name: 'Imprimer' }).click();
  check((await page.evaluate(() => window.__printed)) === 1, '« Imprimer » opens the browser’s print');
  const agentPdf = await printed(page, 'report-agent', 'agent');
  check(
    ['Rapport de la cohorte 2020-2021', 'Chiffres clés', 'Personnes rejointes par étape du parcours', 'Suivis de projets par partenaire d’origine', 'Cégep de Victoriaville', 'Parcours des projets : entonnoir des étapes', 'Imprimé le'].every((s) => agentPdf.includes(s)),
    `the PDF holds the report's title, sections and tables (${agentPdf.slice(0, 160)}…)`,
  );
  check(!agentPdf.includes('Télécharger') && !agentPdf.includes('Imprimer') && !agentPdf.includes('Se déconnecter'), 'the PDF holds no button and no navigation');
  check(/Personnes rejointes 18/.test(agentPdf) && /Révélation 10/.test(agentPdf), 'the PDF holds the figures (18 people reached, 10 in révélation)');
  const pdfMissing = [agentNarrative.summary, ...agentNarrative.sections.flatMap((x) => [x.heading, ...x.items])].map(plain).filter((line) => !agentPdf.includes(line));
  check(agentPdf.includes('Le paragraphe du rapport annuel') && pdfMissing.length === 0, `the PDF holds the paragraph: the seed's sentence and every item of its lists (${pdfMissing.length ? `missing: ${pdfMissing.join(' | ')}` : 'all there'})`);
  check(!agentPdf.includes('Copier le texte'), 'and not the copy button');

  // English, one switch away.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { name: 'Report of cohort 2020-2021', level: 1 }).waitFor();
  check((await page.getByRole('table', { name: 'People reached by stage of the pathway' }).count()) === 1, 'in English, the charts and tables too');
  const english = (await h.graphql(page, REPORT, { id: cohortId, language: 'EN' })).cohortReport.narrative;
  check(english.language === 'EN' && english.summary.startsWith('18 people reached by the pathway'), `the API writes the paragraph in English too (« ${english.summary.slice(0, 60)}… »)`);
  await checkNarrative(page, english, 'agent, in English', 'The annual report’s paragraph');
  check((await page.getByRole('button', { name: 'Copy the text', exact: true }).count()) === 1, 'with « Copy the text »');
  await axe(page, 'the cohort report in English');
  await page.getByRole('button', { name: 'Passer au français' }).click();
  await page.getByRole('heading', { name: 'Rapport de la cohorte 2020-2021', level: 1 }).waitFor();

  // Another region's cohort, or none: the API's NOT_FOUND in words, no empty report.
  await page.goto(`${origin}/rapports/cohortes/${encodeURIComponent(Buffer.from('Cohort:00000000-0000-4000-8000-000000000000').toString('base64url'))}`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  check((await page.getByRole('heading', { name: 'Rapports', level: 1 }).count()) === 1 && (await page.getByRole('region', { name: 'Chiffres clés' }).count()) === 0, `a cohort the agent may not see: « ${await alert.innerText()} », and no figures`);

  // The network report is not the agent's.
  await page.goto(`${origin}/rapports/reseau`);
  await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  check(true, 'an agent at /rapports/reseau meets « Page introuvable », not a FORBIDDEN');

  // 390 px.
  const { page: narrow } = await h.signedInPage(agentEmail, password, { width: 390, height: 844 });
  await narrow.goto(`${origin}/rapports/cohortes/${encodeURIComponent(cohortId)}`);
  await narrow.getByRole('heading', { name: 'Rapport de la cohorte 2020-2021', level: 1 }).waitFor();
  await narrow.getByRole('table', { name: 'Projets par statut' }).waitFor();
  const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth);
  if (overflow > 390) console.log('wide:', await narrow.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 392).slice(0, 12).map((e) => `${e.tagName}.${e.className?.baseVal ?? e.className} ${Math.round(e.getBoundingClientRect().right)} ${e.textContent.slice(0, 40)}`)));
  check(overflow <= 390, `at 390 px the report fits the width (${overflow} px)`);
  const svgWidth = await narrow.getByRole('img', { name: 'Suivis de projets par partenaire d’origine' }).evaluate((s) => s.getBoundingClientRect().width);
  check(svgWidth <= 390 && svgWidth >= 260, `at 390 px the charts are drawn for the width (${Math.round(svgWidth)} px)`);
  await axe(narrow, 'the cohort report at 390 px');
  await shot(narrow, 'report-agent-390');

  // ---- The funder ------------------------------------------------------------------------
  const { page: funder } = await h.signedInPage(funderEmail, password);
  await funder.goto(`${origin}/rapports`);
  await funder.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
  await funder.getByRole('heading', { name: 'Centre-du-Québec', level: 2 }).waitFor();
  check((await funder.getByRole('heading', { name: 'Région B', level: 2 }).count()) === 1, 'the funder sees every region’s cohorts, by region');
  await funder.getByLabel('Année de programme').selectOption({ label: '2021-2022' });
  const only = await funder.getByRole('link', { name: /^Cohorte / }).allTextContents();
  check(same(only, ['Cohorte 2021-2022']), `filtered by programme year (${only.join(', ')})`);
  await axe(funder, 'the list of reports (funder)');
  await shot(funder, 'reports-funder');
  await funder.getByLabel('Année de programme').selectOption({ label: 'Toutes les années' });

  await funder.getByRole('region', { name: 'Centre-du-Québec' }).getByRole('link', { name: 'Cohorte 2020-2021' }).click();
  await funder.getByRole('heading', { name: 'Rapport de la cohorte 2020-2021', level: 1 }).waitFor();
  const seen = (await h.graphql(funder, REPORT, { id: cohortId })).cohortReport;
  check(seen.suppression.applied, 'the API applies suppression for the funder');
  const funderHidden = await checkReport(funder, seen, 'funder');
  const note = funder.getByRole('complementary', { name: 'Petits nombres masqués' });
  const noteText = (await note.count()) === 1 ? await note.innerText() : '';
  check(noteText.includes('ne montre jamais un nombre de 1 à 4 personnes') && noteText.includes('« masqué »') && noteText.includes('valoir 5 ou plus') && noteText.includes('jamais un zéro'), `a note says what « < 5 » and « masqué » mean (« ${plain(noteText).slice(0, 80)}… »)`);
  const tdBelow = await funder.locator('td', { hasText: /^< 5$/ }).count();
  const tdWithheld = await funder.locator('td', { hasText: /^masqué$/ }).count();
  check(funderHidden.withheld > 0 && tdBelow === funderHidden.below && tdWithheld === funderHidden.withheld, `« < 5 » exactly where the API gives suppressedBelow (${tdBelow} of ${funderHidden.below}) and « masqué » where a count is hidden without it (${tdWithheld} of ${funderHidden.withheld})`);
  const men = (await tableRows(funder, 'Personnes rejointes par genre')).find((r) => r[0] === 'Hommes');
  const apiMen = seen.participantsByGender.find((g) => g.gender === 'MAN');
  check(apiMen.count === null && apiMen.suppressedBelow === null && men?.[1] === 'masqué', `the demo's 8 men, hidden to protect another count, read « masqué », not « < 5 » nor a number (${men?.[1]})`);
  check((await funder.locator('td.suppressed').filter({ hasText: /\d/ }).filter({ hasNotText: /^< \d+$/ }).count()) === 0, 'no hidden cell holds a number (0 or other)');
  check((await funder.getByText(/Case hachurée « masqué »/).count()) > 0, 'charts with a « masqué » slot say what it means in a footnote');
  const funderNarrative = seen.narrative;
  const funderNarrativeShown = await checkNarrative(funder, funderNarrative, 'funder');
  check(namesIn(funderNarrative.text).length === 0 && namesIn(funderNarrativeShown).length === 0, 'the funder’s paragraph names no participant or project');
  check(funderNarrative.summary === `${SEED_SENTENCE}.`, 'for the demo cohort, the funder’s paragraph is still the seed’s sentence (no figure of it is hidden)');
  const funderText = await everyText(funder);
  check(namesIn(funderText).length === 0, `no participant or project name on the funder's page (${namesIn(funderText).join(', ') || 'none'})`);
  await axe(funder, 'the cohort report (funder, with hidden counts)');
  await shot(funder, 'report-funder');
  const [funderXlsx] = await Promise.all([funder.waitForEvent('download'), funder.getByRole('button', { name: 'Classeur Excel (XLSX)', exact: true }).click()]);
  await funderXlsx.saveAs(join(downloads, 'funder.xlsx'));
  check(funderXlsx.suggestedFilename() === 'rapport-cohorte-2020-2021.xlsx', 'the funder downloads the workbook (read back by the Rust runner)');

  // The small cohort: its people reached, and so the comparison's change, are hidden.
  await funder.goto(`${origin}/rapports/cohortes/${encodeURIComponent(smallId)}`);
  await funder.getByRole('heading', { name: 'Rapport de la cohorte 2021-2022', level: 1 }).waitFor();
  const small = (await h.graphql(funder, REPORT, { id: smallId })).cohortReport;
  check(small.participantsReached === null, 'the API hides the small cohort’s 3 people from the funder');
  const smallHidden = await checkReport(funder, small, 'funder, small cohort');
  const smallBelow = await funder.locator('td', { hasText: /^< 5$/ }).count();
  const smallWithheld = await funder.locator('td', { hasText: /^masqué$/ }).count();
  check(smallHidden.below > 0 && smallBelow === smallHidden.below && smallWithheld === smallHidden.withheld, `the small cohort: « < 5 » exactly where the API gives suppressedBelow (${smallBelow} of ${smallHidden.below}), « masqué » where not (${smallWithheld} of ${smallHidden.withheld})`);
  check((await headline(funder))['Personnes rejointes'] === '< 5', 'the small cohort’s people reached read « < 5 », not 0 nor 3');
  const smallNarrative = small.narrative;
  const smallShown = await checkNarrative(funder, smallNarrative, 'funder, small cohort');
  check(smallNarrative.summary.startsWith('Moins de 5 personnes rejointes') && smallNarrative.note !== null && !/\b3 personnes|\(3\)|trois/.test(smallNarrative.text), `the small cohort's paragraph says « Moins de 5 personnes », never 3, with a note (« ${smallNarrative.summary} »)`);
  check(namesIn(smallShown).length === 0 && !smallShown.includes('Friperie du campus'), 'and names no participant or project');
  const smallText = await everyText(funder);
  check(namesIn(smallText).length === 0 && !smallText.includes('Friperie du campus'), 'no name on the small cohort’s page either');
  await axe(funder, 'the small cohort’s report (funder)');
  await shot(funder, 'report-funder-small');
  const smallPdf = await printed(funder, 'report-funder-small', 'funder');
  check(smallPdf.includes('Rapport de la cohorte 2021-2022') && smallPdf.includes('Personnes rejointes < 5') && smallPdf.includes('Petits nombres masqués'), 'the funder’s PDF reads « < 5 » with the note');
  check(namesIn(smallPdf).length === 0, 'the funder’s PDF holds no name');
  check(smallPdf.includes(plain(smallNarrative.summary)) && (smallNarrative.note === null || smallPdf.includes(plain(smallNarrative.note))), 'the funder’s PDF holds the paragraph and its note');

  // The network report.
  await funder.goto(`${origin}/rapports`);
  await funder.getByRole('link', { name: /Rapport du réseau/ }).click();
  await funder.getByRole('heading', { name: 'Rapport du réseau', level: 1 }).waitFor();
  await funder.getByLabel('Année de programme').selectOption({ label: '2020-2021' });
  await funder.getByRole('table', { name: 'Chiffres par région, 2020-2021' }).waitFor();
  check(new URL(funder.url()).search === '?annee=2020', `the programme year is in the address (${new URL(funder.url()).search})`);
  const network = (await h.graphql(funder, NETWORK, { y: 2020 })).networkReport;
  const row = (f) => [fr(f.cohortCount), shownNetwork(f), fr(f.projectCount), fr(f.enterprisesCreated), fr(f.followUpCount), fr(f.partnerFollowUpCount), fr(f.awardCount)];
  const regionRows = await tableRows(funder, 'Chiffres par région, 2020-2021');
  const byName = Object.fromEntries(regionRows.map((r) => [r[0], r.slice(1, 8)]));
  check(network.regions.every((r) => same(byName[r.region.name], row(r.figures))), `the network's regions are the API's (${JSON.stringify(regionRows)})`);
  check(same(byName['Région B']?.[1], '< 5') && same(byName['Centre-du-Québec']?.[1], '18'), 'Région B’s 2 people read « < 5 », Centre-du-Québec’s 18 are exact');
  const totalRow = await tableRows(funder, 'Chiffres par région, 2020-2021', { foot: true });
  check(same(totalRow[0]?.slice(1, 8), row(network.total)) && totalRow[0]?.[2] === 'masqué', `the network total hides its people too, « masqué » since it holds 18 + 2 (${JSON.stringify(totalRow)})`);
  const peopleChart = funder.getByRole('img', { name: 'Personnes rejointes par région' });
  const hiddenRegions = network.regions.filter((r) => r.figures.participantsReached === null);
  check((await peopleChart.locator('rect.hidden-slot').count()) === hiddenRegions.length, 'the people chart leaves the hidden region out, hatched');
  const regionSlots = await peopleChart.locator('g.hidden-bar text').allTextContents();
  check(same(regionSlots, hiddenRegions.map((r) => shownNetwork(r.figures))), `its hatched slots read ${JSON.stringify(regionSlots)}`);
  await axe(funder, 'the network report (funder)');
  await shot(funder, 'network-funder');
  const { page: narrowFunder } = await h.signedInPage(funderEmail, password, { width: 390, height: 844 });
  await narrowFunder.goto(`${origin}/rapports/cohortes/${encodeURIComponent(cohortId)}`);
  await narrowFunder.getByRole('region', { name: 'Le paragraphe du rapport annuel' }).waitFor();
  await narrowFunder.getByRole('table', { name: 'Personnes rejointes par genre' }).waitFor();
  const funderWidth = await narrowFunder.evaluate(() => document.documentElement.scrollWidth);
  check(funderWidth <= 390, `at 390 px the funder's report, its paragraph and « masqué » cells fit (${funderWidth} px)`);
  await axe(narrowFunder, 'the funder’s cohort report at 390 px');
  await shot(narrowFunder, 'report-funder-390');
  await narrowFunder.goto(`${origin}/rapports/reseau?annee=2020`);
  await narrowFunder.getByRole('table', { name: 'Chiffres par région, 2020-2021' }).waitFor();
  const wide = await narrowFunder.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `at 390 px the network report fits (its table scrolls in its own region) (${wide} px)`);
  await axe(narrowFunder, 'the network report at 390 px');
  await shot(narrowFunder, 'network-funder-390');
  await narrowFunder.close();

  await h.finish('the report screens work in Chromium', [page, narrow, funder]);
} catch (error) {
  h.crashed(error);
  await h.finish('the report screens work in Chromium');
}
