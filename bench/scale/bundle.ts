import { build, type Rolldown } from 'vite';

/**
 * Bundles a page-side module (bench/scale/page/*.ts) into one classic script with vite, the
 * renderer's own bundler, so the seeder runs the app's own modules inside Chromium. The result
 * is handed to Playwright as an init script or an evaluation: neither is subject to the page's
 * CSP, and nothing of the benchmark ships in the app.
 */
export async function bundlePageScript(entry: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: '__benchModule', fileName: () => 'bench.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  if (!chunk) throw new Error(`vite produced no script for ${entry}`);
  return chunk.code;
}
