import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AssemblyStack } from '../../lib/checks/readiness';
import { assemblyFrom } from '../../lib/checks/readiness';
import { resolveDeep, resolveString } from '../../lib/checks/readiness/intrinsics';
import { stack, tempDir, writeAssembly } from './support';

const read = (dir: string) => assemblyFrom((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));

describe('reading a cloud assembly', () => {
  const network = stack('dev/Network', { stackName: 'landfall-dev-network' });
  const platform = stack('dev/Platform', { dependencies: ['dev/Network'] });
  const trail = stack('Org/Trail', { account: '111111111111', region: 'us-east-1' });
  const dir = writeAssembly(tempDir(), [network, platform, trail]);

  it('reads the stacks of every nested stage assembly, sorted by path', () => {
    expect(read(dir).stacks.map((s) => `${s.path} ${s.stackName} ${s.account}/${s.region}`)).toEqual([
      'dev/Network landfall-dev-network 444444444444/ap-northeast-1',
      'dev/Platform landfall-dev-platform 444444444444/ap-northeast-1',
      'Org/Trail landfall-org-trail 111111111111/us-east-1',
    ]);
  });

  it('keeps stack dependencies, as paths, and leaves asset manifests out', () => {
    expect(read(dir).stacks.find((s) => s.path === 'dev/Platform')?.dependencies).toEqual(['dev/Network']);
  });

  it('marks an environment-agnostic stack as unknown account and region', () => {
    const agnostic = tempDir();
    fs.writeFileSync(
      path.join(agnostic, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          S: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/unknown-region',
            properties: { templateFile: 'S.template.json' },
          },
        },
      }),
    );
    fs.writeFileSync(path.join(agnostic, 'S.template.json'), '{}');
    expect(read(agnostic).stacks.map((s) => `${s.path} ${s.stackName} ${s.account}/${s.region}`)).toEqual([
      'S S unknown-account/unknown-region',
    ]);
  });
});

describe('resolving intrinsics offline', () => {
  const s: AssemblyStack = stack('dev/Platform', {
    stackName: 'landfall-dev-platform',
    parameters: { Env: { Type: 'String' } },
    resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'acme-logs' } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    },
  });

  it('resolves pseudo parameters from the stack account and region', () => {
    expect(
      resolveString(
        {
          'Fn::Join': [
            ':',
            [
              { Ref: 'AWS::Partition' },
              { Ref: 'AWS::AccountId' },
              { Ref: 'AWS::Region' },
              { Ref: 'AWS::StackName' },
              { Ref: 'AWS::URLSuffix' },
            ],
          ],
        },
        s,
      ),
    ).toBe('aws:444444444444:ap-northeast-1:landfall-dev-platform:amazonaws.com');
  });

  it('resolves Fn::Sub with pseudo parameters and its own variables, and Fn::Select', () => {
    expect(resolveString({ 'Fn::Sub': ['${Name}-${AWS::Region}-$${!Literal}', { Name: 'x' }] }, s)).toBe(
      'x-ap-northeast-1-$${Literal}',
    );
    expect(resolveString({ 'Fn::Select': [1, ['a', 'b']] }, s)).toBe('b');
  });

  it('resolves resource references only when asked, with placeholders for generated names', () => {
    expect(resolveString({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, s)).toBeUndefined();
    expect(resolveString({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, s, { resources: true })).toBe('arn:aws:s3:::acme-logs');
    expect(resolveString({ 'Fn::GetAtt': 'Role.Arn' }, s, { resources: true })).toBe(
      'arn:aws:iam::444444444444:role/landfall-dev-platform-Role',
    );
  });

  it('leaves parameters, imports and conditions unresolved, never guessed', () => {
    expect(resolveString({ Ref: 'Env' }, s, { resources: true })).toBeUndefined();
    expect(resolveString({ 'Fn::ImportValue': 'x' }, s, { resources: true })).toBeUndefined();
    expect(resolveDeep({ A: { 'Fn::If': ['C', 'a', 'b'] }, B: { Ref: 'AWS::Region' } }, s)).toEqual({
      value: { A: { 'Fn::If': ['C', 'a', 'b'] }, B: 'ap-northeast-1' },
      unresolved: ['{"Fn::If":["C","a","b"]}'],
    });
  });

  it('uses the partition of China and GovCloud Regions', () => {
    const cn = stack('cn/Platform', { region: 'cn-north-1' });
    expect(resolveString({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b.${AWS::URLSuffix}' }, cn)).toBe(
      'arn:aws-cn:s3:::b.amazonaws.com.cn',
    );
    expect(resolveString({ Ref: 'AWS::Partition' }, stack('gov/P', { region: 'us-gov-west-1' }))).toBe('aws-us-gov');
  });
});
