import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CSP_META } from './shared/security/csp';

/**
 * Writes the CSP <meta> into the built index.html only: the dev server's React refresh
 * preamble is an inline script that a strict policy would block. Built pages also get the
 * same policy as a response header from main (and from the e2e server).
 */
function cspMeta(): Plugin {
  return {
    name: 'evidence-locker-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(/(<meta charset="UTF-8" \/>)/, `$1\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`),
  };
}

/**
 * The app's own icon in the page (favicon, top bar) and for the window: copied from assets/,
 * where scripts/icons.ts renders every size from assets/icon.svg, so there is one source.
 */
const PAGE_ICONS = { 'favicon.svg': 'assets/icon.svg', 'icon.png': 'assets/icons/256x256.png' } as const;

function appIcons(): Plugin {
  return {
    name: 'evidence-locker-app-icons',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const source = Object.entries(PAGE_ICONS).find(([name]) => request.url === `/${name}`)?.[1];
        if (!source) return next();
        response.setHeader('Content-Type', source.endsWith('.svg') ? 'image/svg+xml' : 'image/png');
        response.end(readFileSync(source));
      });
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(PAGE_ICONS)) this.emitFile({ type: 'asset', fileName, source: readFileSync(source) });
    },
  };
}

// OUT_DIR lets parallel e2e runs build side by side without overwriting each other; the tests
// run the main, preload and renderer of one build together (test/support/electron/shippedApp.ts).
const OUT = resolve(process.env['OUT_DIR'] ?? 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(OUT, 'main'),
      // ESM-only packages are bundled in: a CommonJS main or CLI cannot require them on Node 20.
      externalizeDeps: { exclude: ['canonicalize', '@noble/hashes'] },
      rollupOptions: {
        // The command-line verifier shares main's bundle code, so it is built with it.
        input: { index: resolve('electron/main/index.ts'), cli: resolve('electron/cli/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(OUT, 'preload'),
      rollupOptions: {
        input: resolve('electron/preload/index.ts'),
        // A sandboxed preload can require only 'electron': everything else is bundled in, as CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), cspMeta(), appIcons()],
    build: {
      outDir: resolve(OUT, 'renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
      // Inlined assets become data: URIs for fonts and scripts, which the CSP does not allow.
      assetsInlineLimit: 0,
    },
  },
});
