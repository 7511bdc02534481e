#!/usr/bin/env node
// Electronegativity always exits 0, so this gate runs it over the sources, parses its CSV
// report, and fails on any finding. A finding may only be silenced in the code, with
// `eng-disable CHECK -- <reason>` on the flagged line; this script also fails on any
// suppression whose reason is missing or too short to say anything.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const SOURCES = ['electron', 'renderer', 'shared'];
const root = process.cwd();
const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|html)$/.test(name)) yield path;
  }
}

const problems = [];
for (const dir of SOURCES) {
  for (const file of files(join(root, dir))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = /eng-disable\s+([A-Z_ ,]+?)(?:\s+--\s*(.*?))?\s*(?:\*\/|-->)?$/.exec(line);
        if (match && (match[2] ?? '').trim().length < 15) {
          problems.push(`${relative(root, file)}:${index + 1}: suppression of ${match[1].trim()} has no written justification ("-- why")`);
        }
      });
  }
}

// Scan a copy of the sources only: not node_modules, not build output, not tests.
const scratch = mkdtempSync(join(tmpdir(), 'electronegativity-'));
try {
  for (const dir of SOURCES) cpSync(join(root, dir), join(scratch, dir), { recursive: true });
  const report = join(scratch, 'report.csv');
  execFileSync('npx', ['--no-install', 'electronegativity', '-i', scratch, '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  for (const row of rows) problems.push(`finding: ${row}`);
  process.stdout.write(`electronegativity ${electronVersion}: ${rows.length} finding(s) over ${SOURCES.join(", ")}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
