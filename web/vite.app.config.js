// Builds the agents' web app (app/, TypeScript + React) into dist/app/, served by the binary:
// index.html at `/` (and every client route), its assets under /app/ (hence `base`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/**
 * Emits the service worker (app/sw/service-worker.js) as dist/app/sw.js, with the list of the
 * build's assets to keep for offline use and a version derived from them. Written here rather
 * than with Workbox because the worker must do very little, and must provably never cache the
 * API: twenty lines of our own are easier to audit than a generated one.
 */
function serviceWorker() {
  return {
    name: 'sismic-service-worker',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !file.endsWith('.map'))
        .sort()
        .map((file) => `/app/${file}`);
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./app/sw/service-worker.js', import.meta.url), 'utf8')
        .replace("'__SISMIC_VERSION__'", JSON.stringify(version))
        .replace('__SISMIC_ASSETS__', JSON.stringify(assets));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  root: 'app',
  plugins: [serviceWorker()],
  base: '/app/',
  // TSX without @vitejs/plugin-react: the automatic JSX runtime (react/jsx-runtime).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/app',
    emptyOutDir: true,
    // No inline <script> for the modulepreload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: {
      // react-intl's "use client" markers mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
