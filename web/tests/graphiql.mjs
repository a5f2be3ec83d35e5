// GraphiQL in a real browser (Debian's Chromium, driven by playwright-core), with every request
// to another origin blocked and recorded: the page must work from the server alone.
// Usage: node tests/graphiql.mjs <server URL, e.g. http://127.0.0.1:8080> [screenshot path]
// Checks: the security headers; the query editor renders; the header editor holds the
// Authorization prefill and nothing of it lands in localStorage; one tab per example; the
// documentation explorer opens and shows the Query type (so introspection ran); no CSP
// violation, no page error, no request elsewhere; axe-core finds no serious or critical issue
// (those inside GraphiQL's own markup are reported, see ALLOWED below). Saves a screenshot.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/**
 * Serious or critical axe findings in the structure of GraphiQL 3's own components, which no
 * stylesheet or attribute of ours can change without forking GraphiQL: rule id -> whether a
 * node is that structure. They are printed, not failed; anything else serious fails.
 */
const ALLOWED = {
  // The tab list (ul role=tablist) also holds the "New tab" button.
  'aria-required-children': (html) => html.includes('graphiql-tabs'),
  // Each tab (role=tab) holds its own close button.
  'nested-interactive': (html) => html.includes('graphiql-tab'),
  // CodeMirror 5 scrolls a div and takes keystrokes in a hidden textarea inside it (labelled
  // by main.js), so the editor is keyboard-reachable even though the div is not focusable.
  'scrollable-region-focusable': (html) => html.includes('CodeMirror-scroll'),
};

const [base, screenshot = 'test-results/graphiql.png'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node tests/graphiql.mjs <server URL> [screenshot path]');
  process.exit(2);
}
const origin = new URL(base).origin;
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok     ' : 'FAILED '} ${what}`);
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: false, // root (CI) cannot use Chromium's sandbox: --no-sandbox
  // Without these, Chromium phones home at start, which this machine's closed network refuses.
  args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const elsewhere = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  // Runs before the page's own code and outside its CSP (Playwright injects it): records every
  // violation the browser reports, whatever the console says.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  // Generous: in the full suite, this shares two cores with every other test.
  page.setDefaultTimeout(60000);
  page.setDefaultNavigationTimeout(60000);
  const consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  const assetHeaders = [];
  page.on('response', (response) => {
    if (response.url().includes('/graphiql/assets/')) assetHeaders.push(response.headers()['content-security-policy']);
  });

  const response = await page.goto(`${origin}/graphql`, { waitUntil: 'networkidle' });
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  check(response.status() === 200 && headers['content-type']?.startsWith('text/html'), `GET /graphql answers the page (${response.status()} ${headers['content-type']})`);
  for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
    check(csp.split(';').map((d) => d.trim()).includes(directive), `the page's CSP has ${directive}`);
  }
  check(!/https?:|\*/.test(csp), 'the CSP names no other origin and no wildcard');
  check(headers['x-content-type-options'] === 'nosniff' && headers['referrer-policy'] === 'no-referrer', 'nosniff and no-referrer');
  check(assetHeaders.length > 0 && assetHeaders.every((h) => h === csp), `every asset (${assetHeaders.length}) carries the same CSP`);

  const editor = page.getByRole('region', { name: 'Query Editor' });
  await editor.locator('.CodeMirror').first().waitFor({ timeout: 60000 });
  check(await editor.isVisible(), 'the query editor renders (region "Query Editor")');
  const tabs = page.getByRole('tab');
  check((await tabs.count()) >= 4, `one tab per example (${await tabs.count()} tabs)`);
  const query = await editor.innerText();
  check(query.includes('login(') && query.includes('Connexion'), 'the first tab is the sign-in example, comments in French first');
  const headerEditor = page.getByRole('region', { name: 'Headers' });
  const headerText = await headerEditor.innerText().catch(() => '');
  check(/"Authorization":\s*"Bearer "/.test(headerText), 'the header editor opens with "Authorization": "Bearer " prefilled');

  // Runs the sign-in example with its variables (demo credentials: a test server does not know
  // them, so it answers UNAUTHENTICATED; `make run`'s server gives a token).
  await page.getByRole('button', { name: /^Execute query/ }).click();
  const result = page.getByRole('region', { name: 'Result Window' });
  await result.getByText(/"(data|errors)"/).first().waitFor({ timeout: 60000 });
  const answer = await result.innerText();
  check(/UNAUTHENTICATED|"token"/.test(answer), `running the sign-in example (with its variables) reaches login: ${/UNAUTHENTICATED|"token"/.test(answer) ? 'yes' : answer.slice(0, 200)}`);

  // A subscription travels over WebSocket, signed in with the header editor's token: the
  // prefilled "Bearer " holds none, so the server closes the socket with 4401, said in the pane.
  const signInQuery = await editor.locator('.CodeMirror').first().evaluate((element) => element.CodeMirror.getValue());
  await editor.locator('.CodeMirror').first().evaluate((element) => element.CodeMirror.setValue('subscription Direct { projectChanged { change project { name } } }'));
  await page.waitForTimeout(500); // GraphiQL reads the operation's name from the edited document
  await page.getByRole('button', { name: /^Execute query/ }).click();
  await result.getByText(/4401/).first().waitFor({ timeout: 60000 });
  check(true, 'a subscription runs over WebSocket (no token: closed 4401, shown in the result pane)');
  await editor.locator('.CodeMirror').first().evaluate((element, q) => element.CodeMirror.setValue(q), signInQuery);
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Query', { exact: true }).first().click({ timeout: 60000 });
  await docs.getByText('cohortReport', { exact: true }).first().waitFor({ timeout: 60000 });
  check(await docs.locator('.graphiql-doc-explorer-title').innerText().then((t) => t.trim() === 'Query'), 'the documentation explorer opens the Query type (introspection ran), with cohortReport');

  // A token typed into the header editor must not be written to localStorage (GraphiQL saves
  // its tabs there, debounced).
  const token = 'sismic-test-token-not-to-keep';
  await headerEditor.locator('.graphiql-editor:not(.hidden) .CodeMirror').evaluate((element, t) => element.CodeMirror.setValue(`{"Authorization": "Bearer ${t}"}`), token);
  await page.waitForTimeout(1500);
  const stored = await page.evaluate((t) => Object.keys(localStorage).filter((key) => localStorage.getItem(key).includes(t)), token);
  check(stored.length === 0, `a token typed in the header editor is not kept in localStorage (${stored.join(', ') || 'found in no key'})`);
  // Back to the prefill, for the screenshot.
  await headerEditor.locator('.graphiql-editor:not(.hidden) .CodeMirror').evaluate((element) => element.CodeMirror.setValue('{\n  "Authorization": "Bearer "\n}'));

  const violations = await page.evaluate(() => window.__cspViolations);
  const cspConsole = consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m));
  check(violations.length === 0 && cspConsole.length === 0, `no CSP violation (${[...violations, ...cspConsole].join('; ') || 'none'})`);
  check(consoleErrors.length === 0, `no console error (${consoleErrors.join('; ') || 'none'})`);
  check(elsewhere.length === 0, `no request to another origin (${elsewhere.join(', ') || 'none'})`);

  // Accessibility: axe-core on the whole page, documentation explorer open.
  const axe = await new AxeBuilder({ page }).analyze();
  let ours = 0;
  for (const violation of axe.violations) {
    const targets = violation.nodes.map((n) => n.target.join(' '));
    const serious = violation.impact === 'serious' || violation.impact === 'critical';
    const allowed = serious && violation.nodes.every((node) => ALLOWED[violation.id]?.(node.html));
    if (serious && !allowed) ours += 1;
    console.log(`axe     ${violation.impact} ${violation.id}${allowed ? ' (GraphiQL internals, reported)' : ''}: ${violation.help} — ${targets.slice(0, 5).join(' | ')}${targets.length > 5 ? ` (+${targets.length - 5})` : ''}`);
    if (serious && !allowed) console.log(`        ${violation.nodes[0].failureSummary.replaceAll('\n', ' ')}`);
  }
  console.log(`axe     ${axe.violations.length} rule(s) violated, ${axe.passes.length} passed`);
  check(ours === 0, 'axe-core: no serious or critical violation of ours');

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
console.log(failures.length === 0 ? 'GraphiQL works with every other origin blocked' : `${failures.length} check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
