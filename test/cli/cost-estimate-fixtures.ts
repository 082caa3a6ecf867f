import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AssemblyStack, TemplateResource } from '../../lib/cli/assembly';

/** Hand-written stacks for the cost estimate tests: small, readable, priced by hand. */
export type Resources = Record<string, TemplateResource>;

export const ACCOUNT = '111122223333';

export function stack(
  displayName: string,
  resources: Resources,
  env: { region?: string; account?: string } = {},
): AssemblyStack {
  return {
    displayName,
    stage: displayName.includes('/') ? displayName.split('/')[0] : '',
    account: env.account ?? ACCOUNT,
    region: env.region ?? 'us-east-1',
    templateFile: `${displayName.replace(/\//g, '')}.template.json`,
    resources,
  };
}

/** A cloud assembly on disk (`manifest.json` and templates) holding the stacks, for the CLI. */
export function writeAssembly(stacks: readonly AssemblyStack[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-cost-'));
  const artifacts: Record<string, unknown> = {};
  for (const s of stacks) {
    const file = s.templateFile;
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ Resources: s.resources }));
    artifacts[file.replace('.template.json', '')] = {
      type: 'aws:cloudformation:stack',
      environment: `aws://${s.account}/${s.region}`,
      displayName: s.displayName,
      properties: { templateFile: file },
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  return dir;
}

const tags = (service?: string) => (service === undefined ? [] : [{ Key: 'landfall:service', Value: service }]);

/** An ARM64 Fargate service with a scalable target, as landfall synthesizes it (CPU units and MiB). */
export function fargateService(
  name: string,
  bounds: { min: number; max: number; cpu: number; memoryMiB: number; schedules?: Array<[string, number, number]> },
): Resources {
  return {
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Cpu: String(bounds.cpu),
        Memory: String(bounds.memoryMiB),
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        Tags: tags(name),
      },
    },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: { LaunchType: 'FARGATE', TaskDefinition: { Ref: 'Task' }, Tags: tags(name) },
    },
    Target: {
      Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
      Properties: {
        MinCapacity: bounds.min,
        MaxCapacity: bounds.max,
        ScalableDimension: 'ecs:service:DesiredCount',
        ServiceNamespace: 'ecs',
        ResourceId: { 'Fn::Join': ['', ['service/cluster/', { 'Fn::GetAtt': ['Service', 'Name'] }]] },
        ...(bounds.schedules === undefined
          ? {}
          : {
              ScheduledActions: bounds.schedules.map(([schedule, min, max], i) => ({
                ScheduledActionName: `Action${i}`,
                Schedule: schedule,
                ScalableTargetAction: { MinCapacity: min, MaxCapacity: max },
                Timezone: 'Asia/Tokyo',
              })),
            }),
      },
    },
  };
}

export function natGateway(n: number): Resources {
  return {
    [`Eip${n}`]: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
    [`Nat${n}`]: {
      Type: 'AWS::EC2::NatGateway',
      Properties: { AllocationId: { 'Fn::GetAtt': [`Eip${n}`, 'AllocationId'] }, SubnetId: { Ref: `Public${n}` } },
    },
  };
}

export const LOAD_BALANCER: Resources = {
  LoadBalancer: {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Type: 'application', Scheme: 'internet-facing', Subnets: [{ Ref: 'Public1' }, { Ref: 'Public2' }] },
  },
};

export const KMS_KEY: Resources = {
  Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
};

/** Two alarms: one on a single metric, one metric-math alarm over two metrics (CloudWatch prices it per metric). */
export function twoAlarms(service: string): Resources {
  return {
    Cpu: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { MetricName: 'CPUUtilization', Namespace: 'AWS/ECS', Period: 60, Threshold: 90 },
    },
    ErrorRate: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Threshold: 5,
        Metrics: [
          { Id: 'errors', MetricStat: { Metric: { MetricName: 'HTTPCode_Target_5XX_Count' }, Period: 300 } },
          { Id: 'requests', MetricStat: { Metric: { MetricName: 'RequestCount' }, Period: 300 } },
          { Id: 'rate', Expression: '100 * errors / requests' },
        ],
        Tags: tags(service),
      },
    },
  };
}
