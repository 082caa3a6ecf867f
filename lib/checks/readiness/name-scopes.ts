/**
 * The table of fixed physical names: for each resource type, which properties hold a name AWS requires to be unique,
 * in which scope, and which name-like properties are something else (a reference, a display name). The name gate
 * reports a named type or a name-like property this table does not cover, so a new resource type is a decision,
 * never silently skipped.
 */

/**
 * Where a name must be unique: `global` (the whole partition, every account), `account` (all regions of one
 * account: IAM and the global services), `region` (one account and region).
 */
export type NameScope = 'global' | 'account' | 'region';

export interface NameRule {
  /** The property holding the name; a dotted path for nested ones (`Budget.BudgetName`). */
  readonly property: string;
  readonly scope: NameScope;
  /** A property whose value further scopes the name (an ECS service name is unique within its cluster). @default none */
  readonly within?: string;
  /** Types sharing one namespace use the same key (metric and composite alarms). @default the resource type */
  readonly namespace?: string;
  /** Names that differ only in case collide (IAM). @default false */
  readonly caseInsensitive?: boolean;
  /** Another gate checks this name (IAM OIDC providers: the singleton gate). @default none */
  readonly checkedBy?: string;
  /** The AWS documentation that sets the scope, or why this is the safe default. */
  readonly source: string;
}

export interface TypeNames {
  readonly names: readonly NameRule[];
  /** Name-like properties that are not this resource's name, and what they are. @default none */
  readonly notNames?: Readonly<Record<string, string>>;
}

const IAM_UNIQUE =
  'IAM API reference (CreateRole, CreatePolicy): "IAM user, group, role, and policy names must be unique within the account. Names are not distinguished by case."';
const REGIONAL = 'regional resource: its name identifies it within one account and region (its ARN has both)';
const SAFE_ACCOUNT =
  'global service (its console and API run in one region); unique per account assumed as the safe default, check on the first real deploy';

const iam = (property: string): TypeNames => ({
  names: [{ property, scope: 'account', caseInsensitive: true, namespace: `iam:${property}`, source: IAM_UNIQUE }],
});
const regional = (property: string, extra: Partial<NameRule> = {}): TypeNames => ({
  names: [{ property, scope: 'region', source: REGIONAL, ...extra }],
});

export const NAME_SCOPES: Readonly<Record<string, TypeNames>> = {
  'AWS::S3::Bucket': {
    names: [
      {
        property: 'BucketName',
        scope: 'global',
        source:
          'Amazon S3 User Guide, bucket naming rules: "Bucket names must be unique across all AWS accounts in all the AWS Regions within a partition."',
      },
    ],
  },
  'AWS::IAM::Role': iam('RoleName'),
  'AWS::IAM::ManagedPolicy': iam('ManagedPolicyName'),
  'AWS::IAM::InstanceProfile': iam('InstanceProfileName'),
  'AWS::IAM::User': iam('UserName'),
  'AWS::IAM::Group': iam('GroupName'),
  'AWS::IAM::OIDCProvider': {
    names: [
      {
        property: 'Url',
        scope: 'account',
        checkedBy: 'singletons',
        source: 'IAM CreateOpenIDConnectProvider: one provider per URL per account (EntityAlreadyExists)',
      },
    ],
  },
  'AWS::IAM::Policy': {
    names: [],
    notNames: {
      PolicyName: 'inline policy: unique only among the policies of the roles, users and groups it attaches to',
    },
  },
  'AWS::CloudWatch::Alarm': {
    ...regional('AlarmName', { namespace: 'cloudwatch:alarm' }),
    notNames: { MetricName: 'the metric the alarm watches' },
  },
  'AWS::CloudWatch::CompositeAlarm': regional('AlarmName', { namespace: 'cloudwatch:alarm' }),
  'AWS::CloudWatch::Dashboard': {
    names: [
      {
        property: 'DashboardName',
        scope: 'account',
        source: 'AWS::CloudWatch::Dashboard: "All dashboards in your account are global, not region-specific."',
      },
    ],
  },
  'AWS::Logs::LogGroup': regional('LogGroupName'),
  'AWS::Logs::MetricFilter': {
    ...regional('FilterName', { within: 'LogGroupName' }),
    notNames: { LogGroupName: 'the log group the filter reads' },
  },
  'AWS::Logs::ResourcePolicy': regional('PolicyName'),
  'AWS::SNS::Topic': { ...regional('TopicName'), notNames: { DisplayName: 'the sender name shown in messages' } },
  'AWS::SQS::Queue': regional('QueueName'),
  'AWS::ECS::Cluster': regional('ClusterName'),
  'AWS::ECS::Service': regional('ServiceName', { within: 'Cluster' }),
  'AWS::EC2::LaunchTemplate': regional('LaunchTemplateName'),
  'AWS::EC2::SecurityGroup': regional('GroupName', { within: 'VpcId' }),
  'AWS::EC2::FlowLog': { names: [], notNames: { LogGroupName: 'the log group the flow log writes to' } },
  'AWS::EC2::VPCEndpoint': { names: [], notNames: { ServiceName: 'the AWS service the endpoint connects to' } },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': regional('Name'),
  'AWS::ElasticLoadBalancingV2::TargetGroup': regional('Name'),
  'AWS::Lambda::Function': regional('FunctionName'),
  'AWS::Events::Rule': regional('Name', { within: 'EventBusName' }),
  'AWS::KMS::Alias': regional('AliasName'),
  'AWS::SecretsManager::Secret': regional('Name'),
  'AWS::SSM::Parameter': regional('Name'),
  'AWS::RDS::DBCluster': {
    names: [
      {
        property: 'DBClusterIdentifier',
        scope: 'region',
        source:
          'Amazon Aurora User Guide, DB cluster identifier: it "must be unique for all DB clusters per AWS account, per AWS Region"',
      },
    ],
    notNames: {
      DBClusterParameterGroupName: 'the parameter group the cluster uses (a reference)',
      DBSubnetGroupName: 'the subnet group the cluster uses (a reference)',
      DatabaseName: 'the database created inside the cluster, not an AWS resource name',
    },
  },
  'AWS::ECR::Repository': regional('RepositoryName'),
  'AWS::ApplicationAutoScaling::ScalingPolicy': regional('PolicyName', { within: 'ScalingTargetId' }),
  'AWS::CloudTrail::Trail': {
    ...regional('TrailName'),
    notNames: { S3BucketName: 'the bucket the trail delivers to (the writer gate checks it)' },
  },
  'AWS::Config::ConfigurationRecorder': regional('Name'),
  'AWS::Config::ConfigRule': regional('ConfigRuleName'),
  'AWS::Config::DeliveryChannel': {
    ...regional('Name'),
    notNames: { S3BucketName: 'the bucket Config delivers to (the writer gate checks it)' },
  },
  'AWS::SecurityHub::ConfigurationPolicy': regional('Name'),
  'AWS::Chatbot::SlackChannelConfiguration': {
    names: [
      {
        property: 'ConfigurationName',
        scope: 'account',
        source:
          'AWS Chatbot is a global service: a second configuration of the same name fails with "The chat configuration with the name ... already exists" (aws-samples/aws-securityhub-to-slack#11)',
      },
    ],
  },
  'AWS::Budgets::Budget': {
    names: [
      { property: 'Budget.BudgetName', scope: 'account', source: 'AWS Budgets: a budget name is unique per account' },
    ],
  },
  'AWS::CE::AnomalyMonitor': { names: [{ property: 'MonitorName', scope: 'account', source: SAFE_ACCOUNT }] },
  'AWS::CE::AnomalySubscription': { names: [{ property: 'SubscriptionName', scope: 'account', source: SAFE_ACCOUNT }] },
  'AWS::Organizations::Account': {
    names: [
      {
        property: 'Email',
        scope: 'global',
        source:
          'AWS Organizations CreateAccount: the email address must not already be associated with another AWS account',
      },
    ],
    notNames: {
      AccountName: 'a display name; Organizations does not require it to be unique',
      RoleName: 'the role Organizations creates inside the new account',
    },
  },
  'AWS::Organizations::OrganizationalUnit': {
    names: [
      {
        property: 'Name',
        scope: 'account',
        within: 'ParentId',
        source:
          'AWS Organizations CreateOrganizationalUnit: OU names are unique under one parent (DuplicateOrganizationalUnitException)',
      },
    ],
  },
  'AWS::Organizations::Policy': {
    names: [
      {
        property: 'Name',
        scope: 'account',
        source: 'AWS Organizations CreatePolicy: a policy with the same name already exists (DuplicatePolicyException)',
      },
    ],
  },
  'AWS::SSO::PermissionSet': {
    names: [
      {
        property: 'Name',
        scope: 'account',
        within: 'InstanceArn',
        source:
          'IAM Identity Center CreatePermissionSet: permission set names are unique in the instance (ConflictException)',
      },
    ],
  },
};

/** Property names that look like a physical name: `Name`, `...Name`, and the IAM OIDC provider's `Url`. */
export function looksLikeName(property: string): boolean {
  return property === 'Url' || /(^|[a-z0-9])Name$/.test(property);
}
