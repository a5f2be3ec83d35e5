// What every browser test of the web app shares: Debian's Chromium driven by playwright-core,
// every request to another origin blocked and recorded, console errors and CSP violations
// collected, axe-core and screenshots, and a tally of checks that sets the exit code.
// A test script: `const h = await harness(base, shots); try { … } finally { await h.finish('…') }`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/**
 * Starts Chromium and returns the helpers of one test run against the server at `base`.
 * Screenshots go to `shots` as `app-<name>.png`.
 */
export async function harness(base, shots = 'test-results') {
  const origin = new URL(base).origin;
  mkdirSync(shots, { recursive: true });
  const failures = [];
  const elsewhere = [];
  const consoleErrors = [];
  const contexts = [];

  const check = (ok, what) => {
    console.log(`${ok ? 'ok     ' : 'FAILED '} ${what}`);
    if (!ok) failures.push(what);
  };

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false, // root (CI) cannot use Chromium's sandbox: --no-sandbox
    args: ['--lang=fr-CA', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  /**
   * A browser context in French (Canada) that blocks other origins. `intercept(route, url)` may
   * answer a same-origin request itself (return true) to simulate the network's faults.
   */
  async function newContext({ width = 1400, height = 900, intercept, serviceWorkers = 'block', acceptDownloads = true } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, serviceWorkers, locale: 'fr-CA', acceptDownloads });
    contexts.push(context);
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin !== origin) {
        elsewhere.push(url);
        return route.abort('blockedbyclient');
      }
      if (intercept && (await intercept(route, url))) return;
      return route.continue();
    });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
    });
    return context;
  }

  /** Collects the page's console errors (but those of requests a test makes fail on purpose). */
  function watch(page) {
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|Failed to load resource/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
    return page;
  }

  /** A new context and page already signed in as `email` (through POST /session). */
  async function signedInPage(email, password, options = {}) {
    const context = await newContext(options);
    const answer = await context.request.post(`${origin}/session`, { data: { email, password }, headers: { 'x-sismic-request': '1' } });
    if (!answer.ok()) throw new Error(`sign-in as ${email}: HTTP ${answer.status()}`);
    const page = watch(await context.newPage());
    return { context, page };
  }

  /** axe-core on the page as it is now: 0 serious or critical violations. */
  async function axe(page, name) {
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of result.violations) {
      console.log(`axe     ${name}: ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
    check(serious.length === 0, `axe-core on ${name}: no serious or critical violation (${result.violations.length} violation(s) in all, ${result.passes.length} rules passed)`);
  }

  async function shot(page, name) {
    const path = join(shots, `app-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  }

  /** Fills the sign-in form (French labels) and submits it. */
  async function signIn(page, email, password) {
    await page.getByLabel('Adresse courriel').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /** Runs one GraphQL operation from the page, with its session cookie and the CSRF header. */
  async function graphql(page, query, variables = {}) {
    return page.evaluate(
      async ([query, variables]) => {
        const r = await fetch('/graphql', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-sismic-request': '1' }, body: JSON.stringify({ query, variables }) });
        const body = await r.json();
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data;
      },
      [query, variables],
    );
  }

  /** Checks the pages' CSP, console and origins, closes the browser, prints `success`, exits. */
  async function finish(success, pages = []) {
    for (const page of pages) {
      const violations = await page.evaluate(() => window.__cspViolations).catch(() => []);
      check(violations.length === 0, `no CSP violation (${violations.join('; ') || 'none'})`);
    }
    await browser.close();
    check(consoleErrors.length === 0, `no console error (${consoleErrors.join('; ') || 'none'})`);
    check(elsewhere.length === 0, `no request to another origin (${elsewhere.join(', ') || 'none'})`);
    console.log(failures.length === 0 ? success : `${failures.length} check(s) failed`);
    process.exit(failures.length === 0 ? 0 : 1);
  }

  /** Records a scenario that stopped early as a failed check. */
  const crashed = (error) => check(false, `the scenario ran to its end: ${error.stack ?? error}`);

  return { origin, browser, check, newContext, watch, signedInPage, axe, shot, signIn, graphql, finish, crashed };
}
