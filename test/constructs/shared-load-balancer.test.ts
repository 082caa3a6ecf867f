import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { SharedLoadBalancerProps } from '../../constructs/shared-load-balancer';
import { SharedLoadBalancer } from '../../constructs/shared-load-balancer';
import { CDK_JSON_CONTEXT } from '../support/example';

const CERTIFICATE = 'arn:aws:acm:ap-northeast-1:123456789012:certificate/00000000-0000-4000-8000-000000000000';

function loadBalancer(props: Partial<SharedLoadBalancerProps> = {}) {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Lb', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
  const construct = new SharedLoadBalancer(stack, 'Shared', {
    vpc,
    accessLogBucketName: 'acme-landfall-alb-333333333333-ap-northeast-1',
    accessLogPrefix: 'prod',
    deletionProtection: true,
    ...props,
  });
  return { construct, template: Template.fromStack(stack) };
}

describe('SharedLoadBalancer', () => {
  describe('with a certificate', () => {
    const { template, construct } = loadBalancer({ certificateArn: CERTIFICATE });

    it('serves HTTPS with the certificate and a TLS 1.2+ policy, answering 404 to unrouted requests', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTPS',
        Port: 443,
        Certificates: [{ CertificateArn: CERTIFICATE }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        DefaultActions: [
          Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) }),
        ],
      });
      expect(construct.https).toBe(true);
    });

    it('redirects HTTP to HTTPS permanently', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      });
    });

    it('drops invalid headers, logs access to the central bucket and protects against deletion', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        Scheme: 'internet-facing',
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'deletion_protection.enabled', Value: 'true' },
          { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
          { Key: 'routing.http.desync_mitigation_mode', Value: 'defensive' },
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: 'acme-landfall-alb-333333333333-ap-northeast-1' },
          { Key: 'access_logs.s3.prefix', Value: 'prod' },
        ]),
      });
    });

    it('opens ports 80 and 443 and nothing else', () => {
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: Match.stringLikeRegexp('Shared load balancer'),
        SecurityGroupIngress: [
          Match.objectLike({ FromPort: 80, CidrIp: '0.0.0.0/0' }),
          Match.objectLike({ FromPort: 443, CidrIp: '0.0.0.0/0' }),
        ],
      });
    });
  });

  describe('without a certificate', () => {
    const { template, construct } = loadBalancer({ deletionProtection: false });

    it('serves HTTP only, and services attach to that listener', () => {
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTP', Port: 80 });
      expect(construct.https).toBe(false);
    });

    it('can be deleted when the profile says so', () => {
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]),
      });
    });
  });
});
