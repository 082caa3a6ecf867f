import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ArmTask } from '../../constructs/arm-task';
import { GUARDDUTY_AGENT_REGIONS } from '../../constructs/guardduty-agent-repository';
import table from '../../constructs/guardduty-fargate-agent.json';
import { CDK_JSON_CONTEXT, referenceModel } from '../support/example';

function task(region: string, image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:1.27')) {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Task', { env: { account: '123456789012', region } });
  new ArmTask(stack, 'Task', {
    image,
    cpu: 256,
    memoryMiB: 512,
    logRetention: logs.RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  });
  return Template.fromStack(stack);
}

/** The execution role's policy statements of a task template. */
function executionStatements(template: Template): Array<Record<string, unknown>> {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('ExecutionRole') }] },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('ArmTask: the GuardDuty Runtime Monitoring agent', () => {
  // GuardDuty User Guide, "Prerequisites for AWS Fargate (Amazon ECS only) support" > "Prerequisites for container
  // image access": the task execution role needs ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability,
  // ecr:GetDownloadUrlForLayer and ecr:BatchGetImage; "To further restrict the Amazon ECR permissions, you can add the
  // Amazon ECR repository URI that hosts the GuardDuty security agent for AWS Fargate". The repository per region is
  // on "ECR Repository for GuardDuty agent on AWS Fargate (Amazon ECS only)" (constructs/guardduty-fargate-agent.json).
  const regions = [...new Set([referenceModel().platform.homeRegion, ...referenceModel().platform.allowedRegions])];

  it.each(regions)(
    'lets the execution role pull the agent from GuardDuty’s repository in %s and no other',
    (region) => {
      const account = (table.regions as Record<string, { registryAccount: string }>)[region].registryAccount;
      const ecr = executionStatements(task(region)).filter((s) => JSON.stringify(s.Action).includes('ecr:'));
      expect(ecr).toHaveLength(2);
      expect(ecr).toEqual(
        expect.arrayContaining([
          {
            Sid: 'PullGuardDutyRuntimeMonitoringAgent',
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            Resource: `arn:aws:ecr:${region}:${account}:repository/aws-guardduty-agent-fargate`,
          },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ]),
      );
    },
  );

  it('pins the agent registry accounts of the reference regions (Tokyo and N. Virginia)', () => {
    expect(table.regions['ap-northeast-1'].registryAccount).toBe('533107202818');
    expect(table.regions['us-east-1'].registryAccount).toBe('593207742271');
  });

  it('keeps the table with its source page and the date it was read', () => {
    expect(table.source.url).toBe(
      'https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html',
    );
    expect(table.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(GUARDDUTY_AGENT_REGIONS.every((r) => /^[a-z]{2}-[a-z]+-\d$/.test(r))).toBe(true);
    expect(Object.values(table.regions).every((r) => /^\d{12}$/.test(r.registryAccount))).toBe(true);
  });

  it('fails synth for a region the table does not list, naming the region and the table', () => {
    expect(() => task('eu-moon-1')).toThrow(
      'GuardDuty lists no Fargate agent repository for region eu-moon-1 in constructs/guardduty-fargate-agent.json ' +
        `(known: ${GUARDDUTY_AGENT_REGIONS.join(', ')}). Add the region's row from ` +
        'https://docs.aws.amazon.com/guardduty/latest/ug/ecs-runtime-agent-ecr-image-uri.html, or run services in a ' +
        'listed region',
    );
  });
});

describe('ArmTask: scratch space', () => {
  const template = task('ap-northeast-1');

  // ECS Developer Guide, "Use bind mounts with Amazon ECS": a volume with no host is task-scoped scratch space, filled
  // from the image's directory only when the image's VOLUME path equals the mount's containerPath (the images test
  // checks every Dockerfile against ArmTask.SCRATCH_PATH and ArmTask.DEFAULT_USER).
  it('mounts a host-less bind-mount volume writable at SCRATCH_PATH, runs as DEFAULT_USER on a read-only root', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'tmp' }],
      ContainerDefinitions: [
        Match.objectLike({
          User: ArmTask.DEFAULT_USER,
          ReadonlyRootFilesystem: true,
          MountPoints: [{ SourceVolume: 'tmp', ContainerPath: ArmTask.SCRATCH_PATH, ReadOnly: false }],
        }),
      ],
    });
    expect([ArmTask.SCRATCH_PATH, ArmTask.DEFAULT_USER]).toEqual(['/tmp', '1000:1000']);
  });
});
