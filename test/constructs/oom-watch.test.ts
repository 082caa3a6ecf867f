import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { OomWatch } from '../../constructs/oom-watch';
import { CDK_JSON_CONTEXT } from '../support/example';
import { leafMatches, matchesPattern, patternLeaves, valuesAt } from '../support/event-pattern';

const CLUSTER_ARN = 'arn:aws:ecs:ap-northeast-1:666666666666:cluster/landfall-prod';
const event = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/events', `${name}.json`), 'utf8'));
const OOM = event('ecs-task-stopped-oom');
const NORMAL_STOP = event('ecs-task-stopped-normal');
const STOP_TIMEOUT_137 = event('ecs-task-stopped-timeout-137');

const app = new App({ context: CDK_JSON_CONTEXT });
const stack = new Stack(app, 'Test', { env: { account: '666666666666', region: 'ap-northeast-1' } });
const topic = new sns.Topic(stack, 'Ticket');
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-0123456789abcdef0',
  availabilityZones: ['ap-northeast-1a'],
});
const key = new kms.Key(stack, 'Key');
new OomWatch(stack, 'Oom', {
  clusterArns: [CLUSTER_ARN],
  topic,
  environment: 'prod',
  runbookUrl: 'https://github.com/acme/platform/blob/main/docs/runbooks/out-of-memory.md',
  logGroupName: '/aws/events/landfall-prod-out-of-memory',
  retention: logs.RetentionDays.ONE_YEAR,
  encryptionKey: key,
  removalPolicy: RemovalPolicy.RETAIN,
});
const template = Template.fromStack(stack);
const rules = Object.values(template.findResources('AWS::Events::Rule'));
const pattern = rules[0].Properties.EventPattern as Record<string, unknown>;

describe('OomWatch event pattern (as synthesized)', () => {
  it('is one rule on ECS task state changes', () => {
    expect(rules).toHaveLength(1);
    expect(pattern).toEqual({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: {
        clusterArn: [CLUSTER_ARN],
        lastStatus: ['STOPPED'],
        containers: { reason: [{ prefix: 'OutOfMemoryError' }] },
      },
    });
  });

  it.each(patternLeaves(pattern).map((leaf) => [leaf.path.join('.'), leaf] as const))(
    'finds %s in the sample OOM event with a matching value',
    (_path, leaf) => {
      expect(valuesAt(OOM, leaf.path).length).toBeGreaterThan(0);
      expect(leafMatches(OOM, leaf)).toBe(true);
    },
  );

  it('matches the sample OOM event', () => {
    expect(matchesPattern(pattern, OOM)).toBe(true);
  });

  it('does not match a task the scheduler stopped normally', () => {
    expect(matchesPattern(pattern, NORMAL_STOP)).toBe(false);
  });

  it('does not match exit code 137 without an OutOfMemoryError reason (a stop timeout)', () => {
    expect(matchesPattern(pattern, STOP_TIMEOUT_137)).toBe(false);
  });

  it('does not match an OOM in another cluster', () => {
    const other = JSON.parse(JSON.stringify(OOM).replaceAll(CLUSTER_ARN, `${CLUSTER_ARN}-other`));
    expect(matchesPattern(pattern, other)).toBe(false);
  });
});

describe('OomWatch targets', () => {
  it('announces each OOM stop on the topic, naming the service group and the task', () => {
    const target = (rules[0].Properties.Targets as Array<Record<string, unknown>>).find((t) =>
      JSON.stringify(t.Arn).includes(stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic)),
    );
    expect(target?.InputTransformer).toEqual({
      InputPathsMap: {
        'detail-taskArn': '$.detail.taskArn',
        'detail-group': '$.detail.group',
        'detail-clusterArn': '$.detail.clusterArn',
        'detail-stoppedAt': '$.detail.stoppedAt',
      },
      InputTemplate:
        '"[TICKET] out of memory in prod: task <detail-taskArn> of <detail-group> (cluster <detail-clusterArn>) stopped at <detail-stoppedAt>: ' +
        'a container was killed by OutOfMemoryError. Runbook: https://github.com/acme/platform/blob/main/docs/runbooks/out-of-memory.md"',
    });
  });

  it('keeps the whole event in an encrypted log group, written under a native resource policy', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: Match.arrayWith([
        {
          Arn: 'arn:aws:logs:ap-northeast-1:666666666666:log-group:/aws/events/landfall-prod-out-of-memory',
          Id: 'Target1',
        },
      ]),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-prod-out-of-memory',
      RetentionInDays: 365,
      KmsKeyId: Match.anyValue(),
    });
    const policies = Object.values(template.findResources('AWS::Logs::ResourcePolicy'));
    expect(policies).toHaveLength(1);
    const document = JSON.stringify(policies[0].Properties.PolicyDocument);
    for (const part of [
      '"Action\\":[\\"logs:CreateLogStream\\",\\"logs:PutLogEvents\\"]',
      'events.amazonaws.com',
      'delivery.logs.amazonaws.com',
      '"Fn::GetAtt":["OomEvents',
    ]) {
      expect(document).toContain(part);
    }
  });

  it('needs no Lambda function and no custom resource', () => {
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Lambda::Function' || t.startsWith('Custom::'))).toEqual([]);
  });

  it('counts stops per cluster and service group with a metric filter', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [
        {
          MetricNamespace: 'landfall/ECS',
          MetricName: 'OutOfMemoryStops',
          MetricValue: '1',
          Dimensions: [
            { Key: 'ClusterArn', Value: '$.detail.clusterArn' },
            { Key: 'Group', Value: '$.detail.group' },
          ],
        },
      ],
    });
  });

  it('reads the per-service count with the dimensions the metric filter writes', () => {
    const dims = valuesAt(OOM, ['detail', 'group']);
    expect(dims).toEqual(['service:landfall-prod-api']);
    const service = ecs.FargateService.fromFargateServiceAttributes(stack, 'Api', {
      cluster: ecs.Cluster.fromClusterAttributes(stack, 'Same', {
        clusterName: 'landfall-prod',
        clusterArn: CLUSTER_ARN,
        vpc,
      }),
      serviceName: 'landfall-prod-api',
    });
    expect(stack.resolve(OomWatch.metricFor(service).dimensions)).toEqual({
      ClusterArn: CLUSTER_ARN,
      Group: 'service:landfall-prod-api',
    });
  });

  it('lets CloudWatch Logs use the key for this log group only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' },
            Condition: {
              ArnEquals: {
                'kms:EncryptionContext:aws:logs:arn':
                  'arn:aws:logs:ap-northeast-1:666666666666:log-group:/aws/events/landfall-prod-out-of-memory',
              },
            },
          }),
        ]),
      },
    });
  });
});
