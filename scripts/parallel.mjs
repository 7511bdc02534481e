#!/usr/bin/env node
// Runs npm scripts side by side and fails if any fails: `node scripts/parallel.mjs typecheck lint`.
// The static checks are single-threaded (tsc, eslint), so on two cores they overlap for free, and
// CI has 20 minutes for the whole suite. Each script's output is printed whole when it ends, so
// the lines of two checks never interleave.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/parallel.mjs <npm script> [<npm script> ...]');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn(npm, ['run', name], { stdio: ['ignore', 'pipe', 'pipe'] });
        const chunks = [];
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.stderr.on('data', (chunk) => chunks.push(chunk));
        child.on('error', (error) => { process.stdout.write(`\n> npm run ${name}: could not start: ${error.message}\n`); resolve({ name, code: 1 }); });
        child.on('close', (code, signal) => {
          const output = Buffer.concat(chunks).toString();
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(`\n> npm run ${name} (${seconds} s): ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`}\n${output}`);
          resolve({ name, code: code ?? 1 });
        });
      }),
  ),
);

const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
