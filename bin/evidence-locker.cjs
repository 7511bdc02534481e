#!/usr/bin/env node
// The command-line tool is built with the app (`npm run build`) into out/main/cli.cjs.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const built = join(__dirname, '..', 'out', 'main', 'cli.cjs');
if (!existsSync(built)) {
  process.stderr.write('evidence-locker: not built yet. Run `npm run build` in the project folder first.\n');
  process.exit(2);
}
require(built);
