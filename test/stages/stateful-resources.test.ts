import { Template } from 'aws-cdk-lib/assertions';
import { allStacks, buildApp, stackAt, stageOf } from '../support/example';

/**
 * Stateful resources of the environments: kept in prod when a stack is deleted or a resource replaced, and pinned
 * to their logical IDs, because renaming a construct ID would replace (and, without retention, delete) the resource.
 */
const built = buildApp();
const STATEFUL = ['AWS::SQS::Queue', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::KMS::Key', 'AWS::EC2::EIP'];
const WORKLOAD_STACKS = /\/(Network|Platform|Service-.+)$/;

function statefulResources(env: string) {
  return allStacks(stageOf(built, env))
    .filter((s) => WORKLOAD_STACKS.test(s.node.path))
    .flatMap((s) =>
      Object.entries(
        Template.fromStack(s).toJSON().Resources as Record<
          string,
          { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }
        >,
      )
        .filter(([, r]) => STATEFUL.includes(r.Type))
        .map(([id, r]) => ({
          where: `${s.node.path}/${id}`,
          type: r.Type,
          deletion: r.DeletionPolicy,
          replace: r.UpdateReplacePolicy,
        })),
    );
}

describe('stateful resources', () => {
  it('retains every queue, bucket, log group, key and egress IP of prod on deletion and replacement', () => {
    const resources = statefulResources('prod');
    expect(resources.map((r) => r.type)).toEqual(
      expect.arrayContaining(['AWS::SQS::Queue', 'AWS::Logs::LogGroup', 'AWS::KMS::Key', 'AWS::EC2::EIP']),
    );
    expect(resources.filter((r) => r.deletion !== 'Retain' || r.replace !== 'Retain')).toEqual([]);
  });

  it('deletes the queues and log groups of dev with their stacks', () => {
    const kept = statefulResources('dev').filter(
      (r) => ['AWS::SQS::Queue', 'AWS::Logs::LogGroup'].includes(r.type) && r.deletion !== 'Delete',
    );
    expect(kept).toEqual([]);
  });

  it('keeps the logical IDs of stateful resources stable', () => {
    const ids = (path: string, types: readonly string[]) =>
      Object.entries(Template.fromStack(stackAt(built, path)).toJSON().Resources as Record<string, { Type: string }>)
        .filter(([, r]) => types.includes(r.Type))
        .map(([id, r]) => `${r.Type} ${id}`)
        .sort();
    expect({
      network: ids('prod/Network', ['AWS::EC2::VPC', 'AWS::EC2::EIP', 'AWS::Logs::LogGroup', 'AWS::KMS::Key']),
      platform: ids('prod/Platform', [
        'AWS::ECS::Cluster',
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
        'AWS::SNS::Topic',
        'AWS::KMS::Key',
      ]),
      api: ids('prod/Service-api', [
        'AWS::Logs::LogGroup',
        'AWS::ECS::Service',
        'AWS::ElasticLoadBalancingV2::TargetGroup',
      ]),
      jobs: ids('prod/Service-jobs', ['AWS::SQS::Queue', 'AWS::Logs::LogGroup', 'AWS::ECS::Service']),
    }).toEqual({
      network: [
        'AWS::EC2::EIP NetworkEgressIp14E7855FB',
        'AWS::EC2::EIP NetworkEgressIp2418088B9',
        'AWS::EC2::EIP NetworkEgressIp3F24D973F',
        'AWS::EC2::VPC NetworkVpc7FB7348F',
        'AWS::KMS::Key LogKey15608DC4',
        'AWS::Logs::LogGroup NetworkFlowLogGroup4F8CEEEF',
      ],
      platform: [
        'AWS::ECS::Cluster ClusterEB0386A7',
        'AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancer8E47CE52',
        'AWS::KMS::Key AlarmTopicsKey1622932D',
        'AWS::SNS::Topic AlarmTopicsPageTopic4596A0C7',
        'AWS::SNS::Topic AlarmTopicsTicketTopic6315F2F1',
      ],
      api: [
        'AWS::ECS::Service WebServiceD04B5F3E',
        // prod releases canaries: the alternate target group ECS starts each new revision in.
        'AWS::ElasticLoadBalancingV2::TargetGroup WebAlternateTargetGroupB211FDA6',
        'AWS::ElasticLoadBalancingV2::TargetGroup WebTargetGroupFE6444AE',
        'AWS::Logs::LogGroup WebTaskLogGroup40E9A70D',
      ],
      jobs: [
        'AWS::ECS::Service WorkerService3F60922A',
        'AWS::Logs::LogGroup WorkerTaskLogGroupB42268EF',
        'AWS::SQS::Queue WorkerDeadLetterQueue2879C389',
        'AWS::SQS::Queue WorkerQueue9380F652',
      ],
    });
  });
});
