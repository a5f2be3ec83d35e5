// Builds GraphiQL (graphiql/) into dist/graphiql/, served by the binary: index.html at
// GET /graphql, everything else under /graphiql/ (hence `base`).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'graphiql',
  base: '/graphiql/',
  build: {
    outDir: '../dist/graphiql',
    emptyOutDir: true,
    // No inline <script> for the modulepreload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    // Fonts and icons stay data: URLs only where GraphiQL ships them so; ours stay files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // Radix UI's "use client" markers mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
