import { checkImports } from '../../lib/checks/readiness';
import { assembly, stack } from './support';

// AWS CloudFormation, "Fn::ImportValue": "For each AWS account, Export names must be unique within a Region." and
// "You can import only values that have been exported within the same Region."
const exporting = (path: string, name: string, spec: Parameters<typeof stack>[1] = {}) =>
  stack(path, { ...spec, outputs: { Out: { Value: { Ref: 'Vpc' }, Export: { Name: name } } } });
const importing = (path: string, name: unknown, spec: Parameters<typeof stack>[1] = {}) =>
  stack(path, {
    ...spec,
    resources: { Group: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { 'Fn::ImportValue': name } } } },
  });
const messages = (...stacks: ReturnType<typeof stack>[]) => checkImports(assembly(...stacks)).map((p) => p.message);

describe('imports gate', () => {
  it('accepts an import of an export of a stack it depends on', () => {
    expect(
      messages(exporting('dev/Network', 'vpc'), importing('dev/Platform', 'vpc', { dependencies: ['dev/Network'] })),
    ).toEqual([]);
  });

  it('accepts an export of a stack it depends on transitively', () => {
    expect(
      messages(
        exporting('dev/Network', 'vpc'),
        stack('dev/Platform', { dependencies: ['dev/Network'] }),
        importing('dev/Service-api', 'vpc', { dependencies: ['dev/Platform'] }),
      ),
    ).toEqual([]);
  });

  it('resolves import names built with Fn::Sub and pseudo parameters', () => {
    expect(
      messages(
        exporting('dev/Network', 'vpc-ap-northeast-1'),
        importing('dev/Platform', { 'Fn::Sub': 'vpc-${AWS::Region}' }, { dependencies: ['dev/Network'] }),
      ),
    ).toEqual([]);
  });

  it('reports an import that no stack exports', () => {
    expect(messages(importing('dev/Platform', 'vpc'))).toEqual([
      'dev/Platform imports "vpc", which no stack of the assembly exports',
    ]);
  });

  it('reports an import of an export in another account', () => {
    expect(
      messages(
        exporting('prod/Network', 'vpc', { account: '666666666666' }),
        importing('dev/Platform', 'vpc', { dependencies: ['prod/Network'] }),
      ),
    ).toEqual([
      'dev/Platform imports "vpc", exported by prod/Network in 666666666666/ap-northeast-1, not in its own account and region 444444444444/ap-northeast-1: exports are per account and region',
    ]);
  });

  it('reports an import of an export in another region of the same account', () => {
    expect(
      messages(
        exporting('dev/Network', 'vpc', { region: 'us-east-1' }),
        importing('dev/Platform', 'vpc', { dependencies: ['dev/Network'] }),
      ),
    ).toEqual([
      'dev/Platform imports "vpc", exported by dev/Network in 444444444444/us-east-1, not in its own account and region 444444444444/ap-northeast-1: exports are per account and region',
    ]);
  });

  it('reports an import from a stack it does not depend on, which CloudFormation may deploy first', () => {
    expect(messages(exporting('dev/Network', 'vpc'), importing('dev/Platform', 'vpc'))).toEqual([
      'dev/Platform imports "vpc" from dev/Network but does not depend on it: CloudFormation may deploy the importer first and fail with "No export named vpc found"',
    ]);
  });

  it('reports two stacks exporting one name in one account and region', () => {
    expect(messages(exporting('dev/Network', 'vpc'), exporting('dev/Network2', 'vpc'))).toEqual([
      'export "vpc" is declared by dev/Network and dev/Network2 in 444444444444/ap-northeast-1: export names must be unique per account and region',
    ]);
  });

  it('accepts one export name in two regions', () => {
    expect(
      messages(exporting('dev/Network', 'vpc'), exporting('dev/NetworkUs', 'vpc', { region: 'us-east-1' })),
    ).toEqual([]);
  });

  it('reports an import name it cannot resolve offline', () => {
    expect(messages(importing('dev/Platform', { 'Fn::Sub': '${Unknown}-vpc' }))).toEqual([
      'dev/Platform imports a name that cannot be resolved offline: {"Fn::Sub":"${Unknown}-vpc"}',
    ]);
  });
});
