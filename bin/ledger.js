#!/usr/bin/env node
// The `ledger` command: runs the compiled CLI (npm run build first).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'apps', 'ledger-cli', 'src', 'main.js');
if (!existsSync(main)) {
  console.error('ledger: the CLI is not built yet; run `npm run build` in the repository first');
  process.exit(1);
}
require(main);
