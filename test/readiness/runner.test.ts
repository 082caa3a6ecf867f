import * as path from 'node:path';
import { main } from '../../scripts/readiness';
import { REFERENCE_CONFIG_DIR } from '../support/example';
import { stack, tempDir, writeAssembly } from './support';

/** `scripts/readiness.ts` in-process: what it prints and the exit code. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['--config', REFERENCE_CONFIG_DIR, ...argv],
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const network = (outputs: Record<string, string>) =>
  stack('dev/Network', {
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([k, v]) => [k, { Value: { Ref: v }, Export: { Name: `net:${k}` } }]),
    ),
  });
const platform = (...imports: string[]) =>
  stack('dev/Platform', {
    dependencies: ['dev/Network'],
    resources: {
      Group: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { VpcId: imports.map((i) => ({ 'Fn::ImportValue': `net:${i}` }))[0] },
      },
      Slack: {
        Type: 'AWS::Chatbot::SlackChannelConfiguration',
        Properties: { SlackWorkspaceId: 'T0123456789', SlackChannelId: 'C0PAGE12345' },
      },
    },
  });
const clean = writeAssembly(tempDir(), [network({ Vpc: 'Vpc' }), platform('Vpc')]);
const broken = writeAssembly(tempDir(), [network({}), platform('Vpc')]);

describe('scripts/readiness.ts', () => {
  it('prints each gate and the external inputs and exits 0 when nothing is wrong', async () => {
    expect(await run(clean)).toEqual({
      code: 0,
      err: '',
      out: [
        'landfall readiness: 2 stacks, 0 problems',
        '  imports          0 problems',
        '  names            0 problems',
        '  singletons       0 problems',
        '  external-inputs  0 problems',
        '  writers          0 problems',
        '',
        'external inputs (2 prerequisites the rollout must provide; check each before the first deploy):',
        `  - slack-channel C0PAGE12345 (dev, us-east-2): aws chatbot describe-slack-channel-configurations --region us-east-2 --query "SlackChannelConfigurations[?SlackChannelId=='C0PAGE12345'].ChatConfigurationArn"`,
        `  - slack-workspace T0123456789 (dev, us-east-2): aws chatbot describe-slack-workspaces --region us-east-2 --query "SlackWorkspaces[?SlackTeamId=='T0123456789'].SlackTeamName"`,
      ].join('\n'),
    });
  });

  it('lists the problems and exits 1 when a gate finds one', async () => {
    const { code, out } = await run(broken);
    expect(code).toBe(1);
    expect(out.split('\n').slice(0, 2)).toEqual([
      'landfall readiness: 2 stacks, 1 problem',
      '  imports          1 problem',
    ]);
    expect(out).toContain(
      'problems:\n  - [imports] dev/Platform imports "net:Vpc", which no stack of the assembly exports\n',
    );
  });

  it('writes Markdown for the job summary with --format md', async () => {
    const { code, out } = await run(broken, '--format', 'md');
    expect(code).toBe(1);
    expect(out.split('\n').slice(0, 9)).toEqual([
      '## landfall deploy readiness',
      '',
      '2 stacks checked; 1 problem.',
      '',
      '| gate | problems |',
      '| --- | ---: |',
      '| imports | 1 |',
      '| names | 0 |',
      '| singletons | 0 |',
    ]);
    expect(out).toContain(
      '### Problems\n\n- **imports** dev/Platform imports "net:Vpc", which no stack of the assembly exports\n',
    );
    expect(out).toContain(
      '| slack-channel | `C0PAGE12345` | dev | us-east-2 | `aws chatbot describe-slack-channel-configurations --region us-east-2 --query "SlackChannelConfigurations[?SlackChannelId==\'C0PAGE12345\'].ChatConfigurationArn"` |',
    );
  });

  it('adds the export-stability gate with --compare, against the assembly deployed before', async () => {
    const before = writeAssembly(tempDir(), [network({ Vpc: 'Vpc', Old: 'Old' }), platform('Old')]);
    const { code, out } = await run(clean, '--compare', before);
    expect(code).toBe(1);
    expect(out).toContain('  export-stability  1 problem\n');
    expect(out).toContain(
      '  - [export-stability] dev/Network no longer exports "net:Old", which dev/Platform imports: CloudFormation refuses to remove an export in use',
    );
  });

  it('exits 4 with one line when the assembly is missing', async () => {
    const missing = path.join(tempDir(), 'cdk.out');
    expect(await run(missing)).toEqual({
      code: 4,
      out: '',
      err: `landfall readiness: no cloud assembly at ${missing} (manifest.json is missing): run \`npx cdk synth --quiet\` first`,
    });
  });

  it('exits 2 on an unknown option or format', async () => {
    expect((await run(clean, '--strict')).err).toBe(
      'landfall readiness: unknown option --strict (allowed: --compare, --format, --config)',
    );
    expect(await run(clean, '--format', 'json')).toEqual({
      code: 2,
      out: '',
      err: 'landfall readiness: --format json is not allowed (allowed: text, md)',
    });
  });

  it('exits 4 when the config it is given cannot be loaded', async () => {
    const empty = tempDir();
    const err: string[] = [];
    expect(
      await main(
        ['--config', empty, clean],
        () => undefined,
        (t) => err.push(t),
      ),
    ).toBe(4);
    expect(err).toEqual([
      `landfall readiness: cannot load the config in ${empty}: ${path.relative(process.cwd(), path.join(empty, 'platform.ts'))} has 1 problem:\n  * does not exist (expected a module whose default export is the definition)`,
    ]);
  });
});
