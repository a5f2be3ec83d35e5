// Builds the agents' web app (app/, TypeScript + React) into dist/app/, served by the binary:
// index.html at `/` (and every client route), its assets under /app/ (hence `base`).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'app',
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
