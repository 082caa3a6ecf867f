import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ServiceInputs } from '../../constructs/service-inputs';
import { CDK_JSON_CONTEXT, REFERENCE_ROOT } from '../support/example';

const COMPLETE_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:acme/api/key-AbCdEf';

function inputs(image: { directory: string } | { registry: string }) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-inputs-'));
  const app = new App({ context: CDK_JSON_CONTEXT, outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Svc', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const construct = new ServiceInputs(stack, 'Inputs', {
    image,
    secrets: { API_TOKEN: 'acme/api/token', API_KEY: COMPLETE_ARN },
    sendsTo: [{ queueName: 'landfall-dev-jobs', environmentVariable: 'JOBS_QUEUE_URL' }],
  });
  return { app, stack, construct, outdir };
}

describe('ServiceInputs', () => {
  it('builds an image from a directory for linux/arm64', () => {
    const { app, outdir, stack, construct } = inputs({ directory: path.join(REFERENCE_ROOT, 'services/api') });
    new ecs.FargateTaskDefinition(stack, 'Task').addContainer('app', { image: construct.image, memoryLimitMiB: 512 });
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'Svc.assets.json'), 'utf8')) as {
      dockerImages: Record<string, { source: { platform?: string } }>;
    };
    expect(Object.values(manifest.dockerImages).map((i) => i.source.platform)).toEqual(['linux/arm64']);
  });

  it('uses a registry image as given', () => {
    const { construct, stack } = inputs({ registry: 'public.ecr.aws/docker/library/nginx:1.27' });
    expect(construct.image.bind(stack, {} as never).imageName).toBe('public.ecr.aws/docker/library/nginx:1.27');
  });

  it('finds a worker queue by name, without a cross-stack reference', () => {
    const { construct, stack } = inputs({ registry: 'nginx:1.27' });
    expect(stack.resolve(construct.sendsTo[0].queue.queueArn)).toBe(
      'arn:aws:sqs:ap-northeast-1:123456789012:landfall-dev-jobs',
    );
    expect(stack.resolve(construct.sendsTo[0].queue.queueUrl)).toEqual({
      'Fn::Join': ['', ['https://sqs.ap-northeast-1.', { Ref: 'AWS::URLSuffix' }, '/123456789012/landfall-dev-jobs']],
    });
  });

  it('refers to secrets by name in the account and region', () => {
    const { construct, stack } = inputs({ registry: 'nginx:1.27' });
    expect(stack.resolve(construct.secrets.API_TOKEN.secretArn)).toBe(
      'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:acme/api/token',
    );
  });

  // aws-cdk-lib Secret.fromSecretNameV2: "If your secret name ends with a hyphen and 6 characters, you should always
  // use fromSecretCompleteArn() to avoid potential AccessDeniedException"; complete ARNs reach ECS unchanged.
  it('passes a complete secret ARN to ECS and to the execution role unchanged', () => {
    const { construct, stack } = inputs({ registry: 'nginx:1.27' });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('app', {
      image: construct.image,
      memoryLimitMiB: 512,
      secrets: { API_KEY: ecs.Secret.fromSecretsManager(construct.secrets.API_KEY) },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Secrets: [{ Name: 'API_KEY', ValueFrom: COMPLETE_ARN }] })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: COMPLETE_ARN,
          }),
        ]),
      },
    });
  });
});
