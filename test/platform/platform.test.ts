import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { alarmReport } from '../../lib/cli/alarms';
import type { AssemblyStack, TemplateResource } from '../../lib/cli/assembly';
import { readAssembly, referencedId } from '../../lib/cli/assembly';
import { costReport } from '../../lib/cli/cost-review';
import { MIN_BACKUP_RETENTION_DAYS } from '../../lib/config';
import { allStacks, REPO_ROOT } from '../support/example';
import { findingsIn, requireTool, synthFindings, templateFiles } from '../support/gates';
import { buildTeamApp, teamModel } from '../support/team';

/**
 * The platform suite: invariants of the team's own `config/`, whatever it holds. A team that adds services, renames
 * the organization or replaces emails and account IDs keeps these green only if its platform stays deployable and
 * operable. The product tests (everything else under test/) run on the reference fixture instead.
 */
const model = teamModel();
const built = buildTeamApp({ guard: true, failOnFindings: false });
const stackPaths = allStacks(built.app).map((s) => s.node.path);
const findings = synthFindings(built);
const stacks = readAssembly(built.outdir);

const resourcesOf = (type: string): Array<{ stack: AssemblyStack; id: string; resource: TemplateResource }> =>
  stacks.flatMap((stack) =>
    Object.entries(stack.resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, resource]) => ({ stack, id, resource })),
  );

describe('the gates on the team platform', () => {
  it.each(stackPaths)('%s has no unacknowledged cdk-nag or cfn-guard finding', (stackPath) => {
    expect(findingsIn(findings, stackPath, ['AwsSolutions', 'NIST.800.53.R5', 'cdk-validator-cfnguard'])).toEqual([]);
  });

  const haveCfnLint = requireTool('cfn-lint');
  (haveCfnLint ? it : it.skip)('cfn-lint reports no error or warning in any template', () => {
    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...templateFiles(built.outdir)], {
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('keeps every stack within CloudFormation limits (500 resources, 1 MB template)', () => {
    const over = stacks.flatMap((s) => {
      const count = Object.keys(s.resources).length;
      const bytes = fs.statSync(s.templateFile).size;
      return count > 500 || bytes > 1_000_000 ? [`${s.displayName}: ${count} resources, ${bytes} bytes`] : [];
    });
    expect(over).toEqual([]);
  });
});

describe('the services of the team platform', () => {
  it('runs every task definition on ARM64 (Graviton) Linux', () => {
    const notArm = resourcesOf('AWS::ECS::TaskDefinition').filter(
      ({ resource }) =>
        (resource.Properties?.RuntimePlatform as { CpuArchitecture?: string } | undefined)?.CpuArchitecture !== 'ARM64',
    );
    expect(notArm.map(({ stack, id }) => `${stack.displayName}/${id}`)).toEqual([]);
  });

  it('runs every container as a non-root user on a read-only root filesystem', () => {
    const unsafe = resourcesOf('AWS::ECS::TaskDefinition').flatMap(({ stack, id, resource }) =>
      ((resource.Properties?.ContainerDefinitions ?? []) as Array<Record<string, unknown>>)
        .filter(
          (c) => c.ReadonlyRootFilesystem !== true || c.User === undefined || /^0(:|$)|^root/.test(String(c.User)),
        )
        .map((c) => `${stack.displayName}/${id}/${String(c.Name)}`),
    );
    expect(unsafe).toEqual([]);
  });

  it('gives every worker queue a dead-letter queue, and every dead-letter queue an alarm', () => {
    const queues = resourcesOf('AWS::SQS::Queue');
    const deadLetterIds = new Set(
      queues.flatMap(({ stack, resource }) => {
        const target = (resource.Properties?.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)
          ?.deadLetterTargetArn;
        const id = referencedId(target);
        return id === undefined ? [] : [`${stack.displayName}/${id}`];
      }),
    );
    const withoutDlq = queues
      .filter(({ stack, id }) => !deadLetterIds.has(`${stack.displayName}/${id}`))
      .filter(({ resource }) => resource.Properties?.RedrivePolicy === undefined)
      .map(({ stack, id }) => `${stack.displayName}/${id}`);
    expect(withoutDlq).toEqual([]);
    const alarmed = new Set(
      resourcesOf('AWS::CloudWatch::Alarm').flatMap(({ stack, resource }) => {
        const dims = (resource.Properties?.Dimensions ?? []) as Array<{ Name: string; Value: unknown }>;
        const metrics = (resource.Properties?.Metrics ?? []) as Array<{
          MetricStat?: { Metric?: { Dimensions?: Array<{ Name: string; Value: unknown }> } };
        }>;
        const all = [...dims, ...metrics.flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? [])];
        return all
          .filter((d) => d.Name === 'QueueName')
          .map((d) => referencedId(d.Value))
          .filter((id): id is string => id !== undefined)
          .map((id) => `${stack.displayName}/${id}`);
      }),
    );
    expect([...deadLetterIds].filter((dlq) => !alarmed.has(dlq))).toEqual([]);
  });
});

describe('the databases of the team platform', () => {
  // Every test holds for any number of databases, none included: a team without a database keeps them green.
  const clusters = resourcesOf('AWS::RDS::DBCluster');
  const tierOf = (stage: string) => model.environments.find((e) => e.name === stage)?.tier;
  const props = (resource: TemplateResource) => resource.Properties ?? {};

  it('encrypts every cluster with a key of its own and lets RDS manage and rotate the master secret', () => {
    const unsafe = clusters.filter(
      ({ resource }) =>
        props(resource).StorageEncrypted !== true ||
        props(resource).KmsKeyId === undefined ||
        props(resource).ManageMasterUserPassword !== true ||
        props(resource).MasterUserPassword !== undefined ||
        props(resource).EnableIAMDatabaseAuthentication !== true,
    );
    expect(unsafe.map(({ stack, id }) => `${stack.displayName}/${id}`)).toEqual([]);
  });

  it('keeps every database instance private and on Graviton (Serverless v2 or a g instance class)', () => {
    const unsafe = resourcesOf('AWS::RDS::DBInstance').filter(({ resource }) => {
      const instanceClass = String(props(resource).DBInstanceClass);
      return (
        props(resource).PubliclyAccessible !== false ||
        !(instanceClass === 'db.serverless' || /^db\.[a-z]+\d+g[a-z]*\./.test(instanceClass))
      );
    });
    expect(unsafe.map(({ stack, id }) => `${stack.displayName}/${id}`)).toEqual([]);
  });

  it("keeps at least the tier's minimum of backups, and a final snapshot where the tier retains data", () => {
    const short = clusters.flatMap(({ stack, id, resource }) => {
      const tier = tierOf(stack.stage);
      if (tier === undefined) return [`${stack.displayName}/${id}: not in an environment`];
      const env = model.environments.find((e) => e.name === stack.stage);
      const days = Number(props(resource).BackupRetentionPeriod);
      const problems = [];
      if (!(days >= MIN_BACKUP_RETENTION_DAYS[tier])) problems.push(`${days} days of backups`);
      if (env?.profile.retainData === true && resource.DeletionPolicy !== 'Snapshot')
        problems.push('no final snapshot');
      return problems.map((p) => `${stack.displayName}/${id}: ${p}`);
    });
    expect(short).toEqual([]);
  });

  it('logs slow statements to CloudWatch Logs, forces TLS, and alarms on slow statements for every cluster', () => {
    const problems = clusters.flatMap(({ stack, id, resource }) => {
      const group = stack.resources[referencedId(props(resource).DBClusterParameterGroupName) ?? ''];
      const parameters = (group?.Properties?.Parameters ?? {}) as Record<string, string>;
      const exports = (props(resource).EnableCloudwatchLogsExports ?? []) as string[];
      const slowAlarm = Object.values(stack.resources).some(
        (r) => r.Type === 'AWS::CloudWatch::Alarm' && String(r.Properties?.AlarmName).endsWith('-db-slow-queries'),
      );
      return [
        ...(Number(parameters.log_min_duration_statement) > 0 ? [] : ['log_min_duration_statement not set']),
        ...(parameters['rds.force_ssl'] === '1' ? [] : ['rds.force_ssl not 1']),
        ...(exports.includes('postgresql') ? [] : ['postgresql log not exported']),
        ...(slowAlarm ? [] : ['no slow-queries alarm']),
      ].map((p) => `${stack.displayName}/${id}: ${p}`);
    });
    expect(problems).toEqual([]);
  });

  it('admits connections to a database only from security groups, never from an address range', () => {
    const open = resourcesOf('AWS::EC2::SecurityGroupIngress')
      .filter(({ stack }) => clusters.some((c) => c.stack === stack))
      .filter(({ resource }) => props(resource).CidrIp !== undefined || props(resource).CidrIpv6 !== undefined);
    expect(open.map(({ stack, id }) => `${stack.displayName}/${id}`)).toEqual([]);
  });
});

describe('the operations of the team platform', () => {
  it('gives every alarm a severity and a runbook that exists in docs/runbooks', () => {
    expect(alarmReport(stacks, { runbookRoot: REPO_ROOT }).problems).toEqual([]);
  });

  it('gives every account of the organization a budget and anomaly detection', () => {
    expect(costReport(stacks, model).problems).toEqual([]);
  });
});
