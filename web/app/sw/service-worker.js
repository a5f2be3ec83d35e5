// The web app's service worker: it keeps the app shell (index.html and the build's hashed
// assets) so that the app opens with no connection, and nothing else. It never caches the API
// (/graphql), the session (/session) or the exports (/reports): those hold personal information,
// which must not be left on a shared tablet, and answers that must be fresh. The offline queue of
// follow-ups lives in IndexedDB, not here.
//
// The build (vite.app.config.js) fills in the list of assets and a version: a new build is a
// new cache, and the old one is deleted once the new worker takes over.
const VERSION = '__SISMIC_VERSION__';
const ASSETS = __SISMIC_ASSETS__;
const SHELL = '/';
const CACHE = `sismic-shell-${VERSION}`;
// Paths that belong to the server, never to the app (as crates/server/src/web.rs lists them).
const SERVER_PATHS = ['/graphql', '/session', '/reports', '/healthz', '/readyz', '/graphiql', '/metrics'];
// On a poor connection, a page load waits this long for the network before opening the shell.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sismic-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const isServerPath = (path) => SERVER_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isServerPath(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith('/app/assets/')) {
    // Content-hashed names: a cached copy is always the right one.
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
  }
});

/** A page load: the network's answer (the shell refreshed with it), else the cached shell. */
async function navigation(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      await cache.put(SHELL, response.clone());
    }
    return response;
  } catch {
    return (await cache.match(SHELL)) ?? Response.error();
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
