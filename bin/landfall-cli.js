#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (transpile only, no type check), so no build step is needed.
// landfall pins AWS SDK v3 releases that support Node 20; the SDK's notice that later releases need Node 22
// would otherwise print on every AWS command. (Moving to Node 22 is tracked in the README.)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('./landfall-cli.ts');
