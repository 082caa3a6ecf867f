#!/usr/bin/env node
/**
 * The CDK app: load and validate the config, build every stage, register the gates.
 * Context: `-c landfall:config=DIR` (default `config`), `-c landfall:guard=true` adds the cfn-guard rules.
 */
import { App } from 'aws-cdk-lib';
import { buildPlatform, stackInventory } from '../lib/app';
import { applyChecks } from '../lib/checks';
import { ConfigError } from '../lib/config';
import { loadPlatform } from '../lib/plan/load';

// The CDK CLI asks apps to leave validation failures to it, but it reports only the stacks a command selects, and a
// plain `cdk synth` selects none inside stages: the app itself fails on any unacknowledged finding.
// aws-cdk-lib's built-in CloudFormation validation more than doubles synth time (14.1 s instead of 5.9 s at 3
// environments x 30 services: see docs/environments.md); cfn-lint checks every template in the test gates instead.
// LANDFALL_CFN_VALIDATE=true turns it back on.
const app = new App({
  postCliContext: { '@aws-cdk/core:failSynthOnValidationErrors': true },
  builtinCloudFormationValidation: process.env.LANDFALL_CFN_VALIDATE === 'true',
});
const configDir = (app.node.tryGetContext('landfall:config') as string | undefined) ?? 'config';
const guard = String(app.node.tryGetContext('landfall:guard') ?? process.env.LANDFALL_GUARD ?? 'false') === 'true';

try {
  const model = loadPlatform(configDir);
  buildPlatform(app, model);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
applyChecks(app, { guard });
app.synth();
// stderr, so `cdk synth STACK > template.yaml` stays clean.
console.error(stackInventory(app));
