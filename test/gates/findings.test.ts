import { spawnSync } from 'node:child_process';
import { allStacks, buildApp } from '../support/example';
import { findingsIn, requireTool, synthFindings, templateFiles } from '../support/gates';

/**
 * The gates of every change: cdk-nag (AwsSolutions, NIST 800-53 R5) and the Control Tower proactive controls
 * (cfn-guard) report nothing unacknowledged in any stack, and cfn-lint reports no error or warning.
 */
const built = buildApp({ guard: true, failOnFindings: false });
const stackPaths = allStacks(built.app).map((s) => s.node.path);
const findings = synthFindings(built);

describe('security findings', () => {
  it('covers every stack of the example platform', () => {
    expect(stackPaths).toEqual(
      expect.arrayContaining([
        'LogArchive/Baseline',
        'Security/Baseline',
        'dev/Baseline',
        'prod/Baseline',
        'Org/Baseline',
        'Org/RegionalBaseline-us-east-1',
        'LogArchive/RegionalBaseline-us-east-1',
        'Security/RegionalBaseline-us-east-1',
        'Security/GuardDuty-us-east-1',
        'prod/RegionalBaseline-us-east-1',
      ]),
    );
  });

  it.each(stackPaths)('%s has no unacknowledged cdk-nag finding', (stackPath) => {
    expect(findingsIn(findings, stackPath, ['AwsSolutions', 'NIST.800.53.R5'])).toEqual([]);
  });

  it.each(stackPaths)('%s passes the Control Tower proactive controls (cfn-guard)', (stackPath) => {
    expect(findingsIn(findings, stackPath, ['cdk-validator-cfnguard'])).toEqual([]);
  });

  it('reports no finding outside a stack', () => {
    expect(findings.filter((f) => !stackPaths.some((p) => f.constructPath.startsWith(p)))).toEqual([]);
  });
});

const haveCfnLint = requireTool('cfn-lint');
(haveCfnLint ? describe : describe.skip)('cfn-lint', () => {
  it('reports no error or warning in any synthesized template', () => {
    const files = templateFiles(built.outdir);
    expect(files.length).toBe(stackPaths.length);
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('');
    expect(result.status).toBe(0);
  });
});
