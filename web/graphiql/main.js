// GraphiQL for SISMIC Tracker, bundled by Vite from the npm packages pinned in
// package-lock.json and served by the binary itself: nothing loads from another origin.
// Plain React.createElement instead of JSX, so the build needs no JSX transform at all.
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/graphiql.css';
import { defaultHeaders, tabs } from './examples.js';
import './page.css';

/** Whether the operation to run is a subscription (those travel over WebSocket). */
function isSubscription(params) {
  try {
    return getOperationAST(parse(params.query), params.operationName)?.operation === 'subscription';
  } catch {
    return false; // the server reports the syntax error
  }
}

/** One graphql-ws client per Authorization header value (a new token gets a new connection). */
let live = null;
function liveClient(authorization) {
  if (!live || live.authorization !== authorization) {
    live?.client.dispose();
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
    live = { authorization, client: createClient({ url, lazy: true, connectionParams: authorization ? { authorization } : undefined }) };
  }
  return live.client;
}

/** A subscription's results; a refusal or a closed socket ends it with an error GraphiQL shows. */
async function* events(client, params) {
  try {
    for await (const result of client.iterate(params)) yield result;
  } catch (error) {
    if (Array.isArray(error)) yield { errors: error }; // the operation's `error` message
    else if (error && typeof error.code === 'number') yield { errors: [{ message: `WebSocket closed ${error.code}: ${error.reason}` }] };
    else yield { errors: [{ message: String(error?.message ?? error) }] };
  }
}

/**
 * Queries and mutations: POST to the same origin's /graphql. Subscriptions: over WebSocket at
 * the same address (graphql-transport-ws), signed in with the header editor's Authorization.
 * A fetcher of our own rather than @graphiql/toolkit's: one dependency fewer to pin.
 */
async function fetcher(params, options = {}) {
  if (isSubscription(params)) {
    const headers = options.headers ?? {};
    const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    return events(liveClient(typeof authorization === 'string' ? authorization : undefined), params);
  }
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      ...options.headers,
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

/**
 * CodeMirror 5's hidden textareas (where the keyboard types) carry no label, so a screen reader
 * announces an unnamed text field: name each after its editor's region ("Query Editor",
 * "Variables", "Headers", "Result Window"). Editors appear as tabs and panes open, hence the
 * observer.
 */
function labelEditors() {
  for (const textarea of document.querySelectorAll('.CodeMirror textarea:not([aria-label])')) {
    const region = textarea.closest('[aria-label]');
    const editor = textarea.closest('.graphiql-editor-tool, .graphiql-query-editor, .result-window');
    const name = editor?.closest('[aria-label]')?.getAttribute('aria-label') ?? region?.getAttribute('aria-label');
    textarea.setAttribute('aria-label', name ?? 'GraphQL');
  }
}
new MutationObserver(labelEditors).observe(document.body, { childList: true, subtree: true });

// GraphiQL 3 opens the first default tab with its query but not its variables (it takes those
// from the `variables` prop or storage): on a first visit, give them as the prop. Not on later
// visits, where the saved tabs and variables are the user's own, and a `variables` prop would
// add a tab at every load.
const firstVisit = localStorage.getItem('graphiql:tabState') === null;

const root = createRoot(document.getElementById('graphiql'));
root.render(
  createElement(GraphiQL, {
    fetcher,
    defaultHeaders,
    headerEditorEnabled: true,
    // Bearer tokens must not outlive the tab in localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
    defaultTabs: tabs.map(({ query, variables }) => ({ query, variables, headers: defaultHeaders })),
    ...(firstVisit ? { variables: tabs[0].variables } : {}),
  }),
);
