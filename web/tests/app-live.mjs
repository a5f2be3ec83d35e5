// Live updates in Chromium: an agent's board, a partner's list and project page, and another
// partner's list are open; changes made through the API (a script with a bearer token, as any
// client) appear on the open pages without a reload, and the other partner's page does not
// change. Then a page whose WebSocket cannot connect works as before, silently.
// Usage: node tests/app-live.mjs <server URL> <agent email> <partner email> <other partner email>
//   <password> <partner's project id> <other partner's project id> [screenshot folder]
import { harness } from './harness.mjs';

const [base, agentEmail, partnerEmail, otherEmail, password, oursId, theirsId, shots = 'test-results'] = process.argv.slice(2);
if (!base || !agentEmail || !partnerEmail || !otherEmail || !password || !oursId || !theirsId) {
  console.error('usage: node tests/app-live.mjs <URL> <agent email> <partner email> <other partner email> <password> <project id> <other project id> [shots]');
  process.exit(2);
}
const h = await harness(base, shots);
const { origin, check, axe, shot } = h;
const pages = [];
const WAIT = 10_000; // generous: it bounds a failed wait, it measures nothing

/** One operation through the API, as a script does: a bearer token, no browser. */
let token = null;
async function api(query, variables = {}) {
  if (!token) {
    const login = await api.raw('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: agentEmail, p: password });
    token = login.login.token;
  }
  return api.raw(query, variables, token);
}
api.raw = async (query, variables, bearer) => {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const advance = async (id) => {
  const { project } = await api('query($id: ID!) { project(id: $id) { version } }', { id });
  await api('mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { stage } } }', { i: { projectId: id, expectedVersion: project.version } });
};

/** Marks the page, so that a reload (which would drop the mark) is caught. */
const mark = (page) => page.evaluate(() => (window.__notReloaded = true));
const notReloaded = async (page, where) => check((await page.evaluate(() => window.__notReloaded === true)) === true, `${where}: updated without a reload`);
const liveMark = (page) => page.getByText('En direct', { exact: true });
const rowOf = (page, name) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

try {
  const { project: ours } = await api('query($id: ID!) { project(id: $id) { name } }', { id: oursId });
  const { project: theirs } = await api('query($id: ID!) { project(id: $id) { name } }', { id: theirsId });

  // The open pages, each waiting until it is live.
  const agent = await h.signedInPage(agentEmail, password);
  const board = h.watch(agent.page);
  pages.push(board);
  await board.goto(`${origin}/`);
  await board.getByRole('heading', { name: 'Tableau des projets' }).waitFor();
  await liveMark(board).waitFor({ timeout: WAIT });
  check(true, 'the board says « En direct » once its socket is open');
  const partner = await h.signedInPage(partnerEmail, password);
  const list = h.watch(partner.page);
  pages.push(list);
  await list.goto(`${origin}/mes-projets`);
  await list.getByRole('table').waitFor();
  await liveMark(list).waitFor({ timeout: WAIT });
  const detail = h.watch(await partner.context.newPage());
  pages.push(detail);
  await detail.goto(`${origin}/mes-projets/${encodeURIComponent(oursId)}`);
  await detail.getByRole('heading', { name: ours.name, level: 1 }).waitFor();
  const other = await h.signedInPage(otherEmail, password);
  const otherList = h.watch(other.page);
  pages.push(otherList);
  await otherList.goto(`${origin}/mes-projets`);
  await otherList.getByRole('table').waitFor();
  await liveMark(otherList).waitFor({ timeout: WAIT });
  for (const page of pages) await mark(page);
  const otherBefore = await otherList.getByRole('main').innerText();
  await axe(board, 'the live board');
  await shot(board, 'live-board');
  await axe(list, 'the partner’s live list');

  // A change through the API: the partner's project moves to Idéation.
  await advance(oursId);
  const ideation = board.getByRole('region', { name: /^Idéation/ });
  await ideation.getByRole('link', { name: ours.name, exact: true }).waitFor({ timeout: WAIT });
  check(true, `the board moved « ${ours.name} » to Idéation by itself`);
  await rowOf(list, ours.name).getByRole('cell', { name: 'Idéation', exact: true }).waitFor({ timeout: WAIT });
  check(true, 'the partner’s list shows the new stage by itself');
  const facts = detail.getByRole('definition');
  await facts.filter({ hasText: /^Idéation$/ }).waitFor({ timeout: WAIT });
  const history = await detail.getByRole('region', { name: 'Historique des étapes' }).getByRole('listitem').count();
  check(history === 2, `the partner’s project page shows the stage and its new history entry (${history} entries)`);
  for (const page of [board, list, detail]) await notReloaded(page, page === board ? 'the board' : page === list ? 'the partner’s list' : 'the partner’s project page');

  // The other partner heard nothing of it: its page is as it was. Then its own project moves
  // (the control), and that reaches it, and only it.
  await otherList.waitForTimeout(500);
  check((await otherList.getByRole('main').innerText()) === otherBefore, 'the other partner’s page did not change');
  await advance(theirsId);
  await rowOf(otherList, theirs.name).getByRole('cell', { name: 'Idéation', exact: true }).waitFor({ timeout: WAIT });
  check(true, 'the other partner’s page shows its own project’s change by itself');
  await notReloaded(otherList, 'the other partner’s list');
  await ideation.getByRole('link', { name: theirs.name, exact: true }).waitFor({ timeout: WAIT });
  check((await list.getByText(theirs.name).count()) === 0 && (await detail.getByText(theirs.name).count()) === 0, 'the first partner’s pages never show the other partner’s project');

  // A new project of the partner's, and a follow-up on it: the count changes, the text never shows.
  const { project: where } = await api('query($id: ID!) { project(id: $id) { cohort { id } originPartner { id } } }', { id: oursId });
  const created = await api('mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id name } } }', {
    i: { cohortId: where.cohort.id, name: 'Coop née en direct', originPartnerId: where.originPartner.id },
  });
  await rowOf(list, 'Coop née en direct').waitFor({ timeout: WAIT });
  await board.getByRole('region', { name: /^Révélation/ }).getByRole('link', { name: 'Coop née en direct', exact: true }).waitFor({ timeout: WAIT });
  check(true, 'a new project appears on the board and the partner’s list by itself');
  const secret = 'Propos confidentiels du suivi en direct';
  await api('mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }', { i: { projectId: created.createProject.project.id, occurredOn: new Date().toISOString().slice(0, 10), mode: 'PHONE', summary: secret } });
  await rowOf(list, 'Coop née en direct').getByRole('cell', { name: '1', exact: true }).waitFor({ timeout: WAIT });
  check(true, 'the partner’s list counts the new follow-up by itself');
  const everything = await list.evaluate(() => document.documentElement.outerHTML);
  check(!everything.includes(secret), 'the follow-up’s text reaches no partner page');
  await notReloaded(list, 'the partner’s list');
  await axe(list, 'the partner’s list after live changes');
  await shot(list, 'live-partner');
  await shot(detail, 'live-partner-project');
  check((await otherList.getByText('Coop née en direct').count()) === 0, 'the other partner’s page never shows the first partner’s new project');

  // At 390 px the mark stays readable.
  await board.setViewportSize({ width: 390, height: 844 });
  await axe(board, 'the live board at 390 px');
  await shot(board, 'live-board-390');

  // A socket that drops: the board reconnects by itself and reads again what it missed.
  let drop = null;
  const flaky = await h.signedInPage(agentEmail, password);
  await flaky.context.routeWebSocket(/\/graphql/, (ws) => {
    ws.connectToServer();
    drop = () => ws.close({ code: 1013, reason: 'dropped by the test' });
  });
  const resynced = h.watch(flaky.page);
  pages.push(resynced);
  await resynced.goto(`${origin}/`);
  await liveMark(resynced).waitFor({ timeout: WAIT });
  await mark(resynced);
  drop();
  await liveMark(resynced).waitFor({ state: 'detached', timeout: WAIT });
  // While it is away, a project moves: no event reaches it...
  await advance(theirsId);
  // ...yet once reconnected (after a second or two) it shows the change.
  await liveMark(resynced).waitFor({ timeout: WAIT });
  await resynced.getByRole('region', { name: /^Prototypage/ }).getByRole('link', { name: theirs.name, exact: true }).waitFor({ timeout: WAIT });
  check(true, 'after its socket dropped, the board reconnected by itself and read again the change it missed');
  await notReloaded(resynced, 'the reconnected board');

  // A WebSocket that cannot connect: the board works as before, nothing said, no error.
  const blocked = await h.signedInPage(agentEmail, password);
  await blocked.context.routeWebSocket(/\/graphql/, (ws) => ws.close({ code: 4500, reason: 'blocked by the test' }));
  const plain = h.watch(blocked.page);
  pages.push(plain);
  await plain.goto(`${origin}/`);
  await plain.getByRole('region', { name: /^Idéation/ }).getByRole('link', { name: ours.name, exact: true }).waitFor();
  await plain.waitForTimeout(1500);
  check((await liveMark(plain).count()) === 0, 'without a socket, no « En direct » mark and no message');
  check((await plain.getByRole('alert').count()) === 0, 'without a socket, no error shown');
  await advance(oursId);
  await plain.getByRole('button', { name: 'Actualiser' }).click();
  await plain.getByRole('region', { name: /^Prototypage/ }).getByRole('link', { name: ours.name, exact: true }).waitFor({ timeout: WAIT });
  check(true, 'without a socket, the board still reloads by hand');
  await board.getByRole('region', { name: /^Prototypage/ }).getByRole('link', { name: ours.name, exact: true }).waitFor({ timeout: WAIT });
  check(true, 'meanwhile the live board followed that change too');
} catch (error) {
  h.crashed(error);
}
await h.finish('live updates work in Chromium', pages);
