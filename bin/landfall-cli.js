#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (transpile only, no type check), so no build step is needed.
require('tsx/cjs');
require('./landfall-cli.ts');
