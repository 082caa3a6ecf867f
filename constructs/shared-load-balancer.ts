import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { acknowledgeTagsSchemaLag } from './lint-schema-lag';

export interface SharedLoadBalancerProps {
  readonly vpc: ec2.IVpc;
  /**
   * ACM certificate (same account and region). With it, the load balancer serves HTTPS and redirects HTTP to HTTPS.
   * @default HTTP only
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of the HTTPS listener.
   * @default SslPolicy.RECOMMENDED_TLS (TLS 1.2 and 1.3)
   */
  readonly sslPolicy?: elbv2.SslPolicy;
  /** Bucket that receives access logs (SSE-S3, as load balancer access logging requires). */
  readonly accessLogBucketName: string;
  /** Key prefix of the access logs inside the bucket, for example the environment name. */
  readonly accessLogPrefix: string;
  /** Refuse deletion of the load balancer until this is turned off. */
  readonly deletionProtection: boolean;
}

/**
 * One internet-facing Application Load Balancer shared by the web services of an environment: each service adds a
 * rule (host and/or path) to `listener`. Unmatched requests get a 404. Invalid header fields are dropped and
 * requests with ambiguous framing handled defensively; access logs go to the central bucket.
 */
export class SharedLoadBalancer extends Construct {
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly securityGroup: ec2.SecurityGroup;
  /** The listener services attach their rules to: HTTPS when a certificate is given, otherwise HTTP. */
  public readonly listener: elbv2.ApplicationListener;
  /** True when `listener` serves HTTPS. */
  public readonly https: boolean;

  constructor(scope: Construct, id: string, props: SharedLoadBalancerProps) {
    super(scope, id);
    this.https = props.certificateArn !== undefined;
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Shared load balancer: HTTP and HTTPS from the internet; egress only to service tasks',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(80),
      this.https ? 'HTTP, redirected to HTTPS' : 'HTTP',
    );
    if (this.https) this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
      deletionProtection: props.deletionProtection,
    });
    // Set the attributes directly: `logAccessLogs()` would try to edit the policy of a bucket in another account.
    this.loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
    this.loadBalancer.setAttribute('access_logs.s3.bucket', props.accessLogBucketName);
    this.loadBalancer.setAttribute('access_logs.s3.prefix', props.accessLogPrefix);

    const notFound = elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'not found' });
    if (props.certificateArn !== undefined) {
      this.listener = this.loadBalancer.addListener('Https', {
        protocol: elbv2.ApplicationProtocol.HTTPS,
        port: 443,
        open: false,
        certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
        sslPolicy: props.sslPolicy ?? elbv2.SslPolicy.RECOMMENDED_TLS,
        defaultAction: notFound,
      });
      const redirect = this.loadBalancer.addListener('Http', {
        protocol: elbv2.ApplicationProtocol.HTTP,
        port: 80,
        open: false,
        defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
      });
      acknowledge(redirect, {
        'NIST.800.53.R5-ELBv2ACMCertificateRequired':
          'This HTTP listener only answers with a permanent redirect to the HTTPS listener, which serves the ACM certificate',
      });
    } else {
      this.listener = this.loadBalancer.addListener('Http', {
        protocol: elbv2.ApplicationProtocol.HTTP,
        port: 80,
        open: false,
        defaultAction: notFound,
      });
      const noDomain =
        'No domain (and so no certificate) is configured for this environment; set environments[].domain to serve HTTPS and redirect HTTP';
      acknowledge(this.listener, {
        'NIST.800.53.R5-ELBv2ACMCertificateRequired': noDomain,
        'NIST.800.53.R5-ALBHttpToHttpsRedirection': noDomain,
        'guard:alb_http_to_https_redirection_check': noDomain,
      });
    }
    for (const listener of this.loadBalancer.listeners) acknowledgeTagsSchemaLag(listener);
    acknowledge(this.loadBalancer, {
      'NIST.800.53.R5-ALBWAFEnabled':
        'landfall ships no web ACL: managed rule groups need tuning per application and cost per rule; associate one with AWS::WAFv2::WebACLAssociation',
    });
    if (!props.deletionProtection) {
      acknowledge(this.loadBalancer, {
        'NIST.800.53.R5-ELBDeletionProtectionEnabled':
          'Deletion protection is off in this environment profile (loadBalancerDeletionProtection) so the environment can be torn down; prod keeps it on',
        'guard:elbv2_deletion_protection_enabled_check':
          'CT.ELB.PR.5: deletion protection is off in this environment profile (loadBalancerDeletionProtection) so the environment can be torn down',
      });
    }

    acknowledge(this.securityGroup, {
      'AwsSolutions-EC23':
        'The shared load balancer is the public entry point of the environment: it must accept HTTP(S) from any IPv4 address',
    });
  }
}
