// Live updates: GraphQL subscriptions over WebSocket (`/graphql`, graphql-transport-ws) with
// the `graphql-ws` client, signed in by the session cookie the browser sends with the upgrade
// (the page never holds a token; the server checks the page's origin instead of the CSRF
// header, which a WebSocket cannot carry).
//
// It only ever adds to what the screens do without it: when the socket fails (no WebSocket
// through a proxy, the server down, the session over) nothing is said and the screens work as
// before, reloaded by hand. It reconnects by itself with a growing wait (up to 30 s, waiting
// for the network to come back first), and after a reconnection every screen reads its data
// again, since what happened meanwhile was not heard. The client is loaded on first use, in
// its own chunk, so it adds nothing to the app's first load.
import type { Client } from 'graphql-ws';
import type { TypedDocumentString } from './gql/graphql';

/** Longest wait between two attempts to reconnect, in milliseconds. */
export const MAX_BACKOFF_MS = 30_000;

/** The wait before reconnection attempt `retries` (0 first): 1 s, 2 s, 4 s… up to 30 s, plus up to 1 s at random (so that a restarted server is not met by every client at once). */
export function backoff(retries: number, random: () => number = Math.random): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, retries)) + Math.floor(random() * 1000);
}

/** The WebSocket address of this page's server. */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

let client: Promise<Client> | null = null;
const resyncs = new Set<() => void>();
const states = new Set<(live: boolean) => void>();
let connected = false;

function setConnected(live: boolean) {
  connected = live;
  states.forEach((f) => f(live));
}

function waitOnline(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

function liveClient(): Promise<Client> {
  client ??= import('graphql-ws').then(({ createClient }) =>
    createClient({
      url: () => liveUrl(location),
      lazy: true,
      // Between two screens, keep the socket a moment rather than close and reopen it.
      lazyCloseTimeout: 3000,
      retryAttempts: Infinity,
      // The library still gives up on what no retry can fix (4401: signed out, 4400...).
      shouldRetry: () => true,
      retryWait: async (retries) => {
        await waitOnline();
        await new Promise((resolve) => setTimeout(resolve, backoff(retries)));
      },
      on: {
        connected: (_socket, _payload, wasRetry) => {
          setConnected(true);
          if (wasRetry) resyncs.forEach((f) => f());
        },
        closed: () => setConnected(false),
      },
    }),
  );
  return client;
}

/**
 * Subscribes to a subscription while the caller wants it: `onData` gets each event's data,
 * `onResync` is called after a reconnection (read everything again). Returns the unsubscribe.
 * Errors end the subscription silently.
 */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onResync: () => void): () => void {
  let stopped = false;
  let dispose = () => {};
  resyncs.add(onResync);
  liveClient()
    .then((c) => {
      if (stopped) return;
      dispose = c.subscribe(
        { query: document.toString(), variables: variables as Record<string, unknown> },
        {
          next: (result) => {
            if (result.data) onData(result.data as R);
          },
          error: () => {},
          complete: () => {},
        },
      );
    })
    .catch(() => {});
  return () => {
    stopped = true;
    resyncs.delete(onResync);
    dispose();
  };
}

/** Follows whether the socket is connected (for the « En direct » mark); returns the unfollow. */
export function onLiveState(f: (live: boolean) => void): () => void {
  states.add(f);
  f(connected);
  return () => {
    states.delete(f);
  };
}

/** Closes the socket (at sign-out: the next user's session gets a socket of its own). */
export async function closeLive(): Promise<void> {
  const current = client;
  client = null;
  setConnected(false);
  if (current) await current.then((c) => c.dispose()).catch(() => {});
}
