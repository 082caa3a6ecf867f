import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildPlatform } from '../../lib/app';
import type { LandfallModel } from '../../lib/config';
import { CDK_JSON_CONTEXT, referencePlatform, referenceServices, validate } from '../support/example';

/**
 * CloudFormation, "Exporting stack output values": "After another stack imports an output value, you can't delete
 * the stack that is exporting the output value or modify the exported output value. All the imports must be removed
 * before you can delete the exporting stack or modify the output value." The exporting stack deploys first, so a
 * config change that drops or changes an export still imported by the deployed stacks deadlocks the update. The
 * shared listener was such a value: adding a domain replaces the HTTP listener the services attached to by an HTTPS
 * one. Now the services read it, and every ID they need from Network and Platform, from SSM parameters.
 */
interface Assembly {
  /** Every `Fn::ImportValue` of every template, with the stack that imports it. */
  readonly imports: ReadonlyArray<{ readonly stack: string; readonly name: string }>;
  /** Every export: name -> value (as JSON). */
  readonly exports: ReadonlyMap<string, string>;
  readonly templates: ReadonlyMap<string, Record<string, unknown>>;
}

function synth(model: LandfallModel): Assembly {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-exports-'));
  const app = new App({ context: CDK_JSON_CONTEXT, outdir, builtinCloudFormationValidation: false });
  buildPlatform(app, model);
  const assembly = app.synth();
  const stacks = [assembly, ...assembly.nestedAssemblies.map((n) => n.nestedAssembly)].flatMap((a) => a.stacks);
  const imports: Array<{ stack: string; name: string }> = [];
  const exports = new Map<string, string>();
  const templates = new Map<string, Record<string, unknown>>();
  for (const stack of stacks) {
    const template = stack.template as Record<string, unknown>;
    templates.set(stack.hierarchicalId, template);
    const text = JSON.stringify(template);
    const seen = new Set<string>();
    for (const m of text.matchAll(/"Fn::ImportValue":"([^"]+)"/g)) {
      if (!seen.has(m[1])) imports.push({ stack: stack.hierarchicalId, name: m[1] });
      seen.add(m[1]);
    }
    for (const output of Object.values(
      (template.Outputs ?? {}) as Record<string, { Value: unknown; Export?: { Name: unknown } }>,
    )) {
      if (output.Export !== undefined) exports.set(String(output.Export.Name), JSON.stringify(output.Value));
    }
  }
  return { imports, exports, templates };
}

type Resource = { Type: string; Properties: Record<string, unknown> };
const resourcesOf = (a: Assembly, stack: string): Resource[] =>
  Object.values((a.templates.get(stack) as { Resources: Record<string, Resource> }).Resources);

/** Imports of the deployed (old) assembly whose export the new assembly drops or changes. */
function brokenImports(before: Assembly, after: Assembly): string[] {
  return before.imports
    .filter(({ name }) => after.exports.get(name) !== before.exports.get(name))
    .map(
      ({ stack, name }) => `${stack} imports ${name}: ${after.exports.has(name) ? 'changed' : 'no longer exported'}`,
    );
}

const before = synth(validate(referencePlatform()));

describe('values the later stacks take from Network and Platform', () => {
  const withDomain = referencePlatform();
  withDomain.environments[0].domain = {
    name: 'dev.example.com',
    certificateId: '00000000-0000-4000-8000-000000000444',
  };
  const after = synth(validate(withDomain));
  const listenerRule = (a: Assembly) =>
    resourcesOf(a, 'dev/Service-api').find((r) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule');

  it('keeps every export an old stack imports, with the same value, when dev gets a domain', () => {
    expect(before.imports.length).toBeGreaterThan(0);
    expect(brokenImports(before, after)).toEqual([]);
  });

  it('gives the services the listener through an SSM parameter that Platform rewrites, not an export', () => {
    for (const assembly of [before, after]) {
      const template = assembly.templates.get('dev/Service-api') as {
        Parameters: Record<string, { Type: string; Default: string }>;
      };
      const rule = listenerRule(assembly)?.Properties.ListenerArn as { Ref: string };
      expect(template.Parameters[rule.Ref]).toEqual(
        expect.objectContaining({
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/landfall/dev/platform/listener-arn',
        }),
      );
    }
    const parameter = (a: Assembly) =>
      resourcesOf(a, 'dev/Platform').find(
        (r) => r.Type === 'AWS::SSM::Parameter' && r.Properties.Name === '/landfall/dev/platform/listener-arn',
      )?.Properties.Value;
    expect([parameter(before), parameter(after)]).toEqual([
      { Ref: expect.stringMatching(/^LoadBalancerHttp[0-9A-F]{8}$/) },
      { Ref: expect.stringMatching(/^LoadBalancerHttps[0-9A-F]{8}$/) },
    ]);
  });

  it('leaves no Fn::ImportValue in any service or Observability stack', () => {
    const importers = [...new Set(before.imports.map((i) => i.stack))].filter((s) => /Service|Observability/.test(s));
    expect(importers).toEqual([]);
  });

  it.each([
    [
      'a NAT count change',
      () => {
        const p = referencePlatform();
        p.environments[1].overrides = { natGateways: 2 };
        return validate(p);
      },
    ],
    [
      'a Slack channel removed',
      () => {
        const p = referencePlatform();
        p.notifications = { ...p.notifications, page: { emails: ['oncall@example.com'] } };
        return validate(p);
      },
    ],
    [
      'a service removed',
      () => {
        const { jobs } = referenceServices();
        return validate(referencePlatform(), { jobs });
      },
    ],
    [
      'a service added',
      () => {
        const services = referenceServices();
        services.admin = { ...services.api, name: 'admin', paths: ['/admin/*'], sendsTo: [] };
        return validate(referencePlatform(), services);
      },
    ],
  ])('keeps every imported export after %s', (_, change) => {
    expect(brokenImports(before, synth(change()))).toEqual([]);
  });
});
