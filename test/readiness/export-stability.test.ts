import { checkExportStability } from '../../lib/checks/readiness';
import { assembly, stack } from './support';

// AWS CloudFormation, "Fn::ImportValue": "After another stack imports an output value, you can't delete the stack
// that is exporting the output value or modify the exported output value."
const platform = (outputs: Record<string, unknown>) =>
  stack('dev/Platform', {
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([name, value]) => [name, { Value: value, Export: { Name: `platform:${name}` } }]),
    ),
  });
const service = (path: string, ...names: string[]) =>
  stack(path, {
    dependencies: ['dev/Platform'],
    resources: Object.fromEntries(
      names.map((n, i) => [
        `Rule${i}`,
        {
          Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          Properties: { ListenerArn: { 'Fn::ImportValue': `platform:${n}` } },
        },
      ]),
    ),
  });
const messages = (before: ReturnType<typeof stack>[], after: ReturnType<typeof stack>[]) =>
  checkExportStability(assembly(...before), assembly(...after)).map((p) => p.message);

describe('export-stability gate', () => {
  it('accepts a change that keeps every export in use with the same value', () => {
    const before = [platform({ Listener: { Ref: 'Http' } }), service('dev/Service-api', 'Listener')];
    const after = [
      platform({ Listener: { Ref: 'Http' }, Cluster: { Ref: 'Cluster' } }),
      service('dev/Service-api', 'Listener'),
    ];
    expect(messages(before, after)).toEqual([]);
  });

  it('reports an export in use that the change removes', () => {
    const before = [platform({ Listener: { Ref: 'Http' } }), service('dev/Service-api', 'Listener')];
    const after = [platform({ Https: { Ref: 'Https' } }), service('dev/Service-api', 'Https')];
    expect(messages(before, after)).toEqual([
      'dev/Platform no longer exports "platform:Listener", which dev/Service-api imports: CloudFormation refuses to remove an export in use',
    ]);
  });

  it('reports an export in use whose value the change modifies, with both expressions', () => {
    const before = [platform({ Listener: { Ref: 'Http' } }), service('dev/Service-api', 'Listener')];
    const after = [platform({ Listener: { Ref: 'Https' } }), service('dev/Service-api', 'Listener')];
    expect(messages(before, after)).toEqual([
      'dev/Platform changes the value of export "platform:Listener", which dev/Service-api imports, from {"Ref":"Http"} to {"Ref":"Https"}: CloudFormation refuses to modify an export in use',
    ]);
  });

  it('names every stack that imports the export', () => {
    const before = [
      platform({ Listener: { Ref: 'Http' } }),
      service('dev/Service-api', 'Listener'),
      service('dev/Service-web', 'Listener'),
    ];
    const after = [platform({}), service('dev/Service-api'), service('dev/Service-web')];
    expect(messages(before, after)).toEqual([
      'dev/Platform no longer exports "platform:Listener", which dev/Service-api, dev/Service-web import: CloudFormation refuses to remove an export in use',
    ]);
  });

  it('accepts removing an export no stack imports', () => {
    expect(messages([platform({ Listener: { Ref: 'Http' } })], [platform({})])).toEqual([]);
  });

  it('says to destroy a removed importer before the exporting stack is deployed', () => {
    const before = [platform({ Listener: { Ref: 'Http' } }), service('dev/Service-api', 'Listener')];
    expect(messages(before, [platform({})])).toEqual([
      'dev/Platform no longer exports "platform:Listener", which dev/Service-api imports: CloudFormation refuses to remove an export in use; destroy dev/Service-api (removed by this change) before deploying dev/Platform',
    ]);
  });

  it('leaves a removed exporting stack to its own destroy step', () => {
    const before = [platform({ Listener: { Ref: 'Http' } }), service('dev/Service-api', 'Listener')];
    expect(messages(before, [service('dev/Service-api', 'Listener')])).toEqual([]);
  });

  it('compares value expressions by content, not by key order', () => {
    const sub = (variables: Record<string, unknown>) => ({ 'Fn::Sub': ['${A}-${B}', variables] });
    const before = [platform({ Name: sub({ A: { Ref: 'X' }, B: { Ref: 'Y' } }) }), service('dev/Service-api', 'Name')];
    const after = [platform({ Name: sub({ B: { Ref: 'Y' }, A: { Ref: 'X' } }) }), service('dev/Service-api', 'Name')];
    expect(messages(before, after)).toEqual([]);
  });
});
