/**
 * AWS-owned accounts and AWS managed policies the writer gate needs, copied from the AWS documentation (offline,
 * so the gates need neither the network nor aws-cdk-lib's region facts). A test compares the ELB table with
 * aws-cdk-lib's `RegionInfo`.
 */

/**
 * Elastic Load Balancing account per Region ("Enable access logs for your Application Load Balancer", attach a
 * policy to your S3 bucket: "For the Regions in the list below, use the following policy, which grants
 * permissions to the specified Elastic Load Balancing account ID"). Regions not listed use the log delivery
 * service principal ("For the Regions that do not appear in the list above ... grants permissions to the
 * specified log delivery service": `logdelivery.elasticloadbalancing.amazonaws.com`).
 */
export const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'ap-east-1': '754344448648',
  'ap-northeast-1': '582318560864',
  'ap-northeast-2': '600734575887',
  'ap-northeast-3': '383597477331',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-south-1': '718504428378',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
};

export const ELB_LOG_DELIVERY_SERVICE = 'logdelivery.elasticloadbalancing.amazonaws.com';

/**
 * Account of the ECR repository `aws-guardduty-agent-fargate` per Region (GuardDuty User Guide, "ECR Repository
 * for GuardDuty agent on AWS Fargate (Amazon ECS only)").
 */
export const GUARDDUTY_AGENT_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-west-2': '733349766148',
  'eu-west-3': '665651866788',
  'ap-south-1': '251508486986',
  'ap-south-2': '950823858135',
  'ca-central-1': '354763396469',
  'me-central-1': '000014521398',
  'eu-west-2': '892757235363',
  'us-west-1': '684579721401',
  'us-east-1': '593207742271',
  'us-east-2': '307168627858',
  'eu-west-1': '694911143906',
  'sa-east-1': '758426053663',
  'eu-north-1': '591436053604',
  'eu-central-1': '323658145986',
  'eu-central-2': '529164026651',
  'ap-southeast-1': '174946120834',
  'ap-southeast-2': '005257825471',
  'ap-southeast-3': '510637619217',
  'ap-northeast-1': '533107202818',
  'ap-northeast-2': '914738172881',
  'ap-northeast-3': '273192626886',
  'ap-east-1': '258348409381',
  'me-south-1': '536382113932',
  'eu-south-1': '266869475730',
  'eu-south-2': '919611009337',
  'af-south-1': '197869348890',
  'ap-southeast-4': '251357961535',
  'il-central-1': '870907303882',
  'ap-southeast-5': '156041399949',
  'ap-southeast-7': '054037130133',
  'ca-west-1': '339712888787',
  'mx-central-1': '311141559934',
  'ap-east-2': '259886477082',
};

export const GUARDDUTY_AGENT_REPOSITORY = 'aws-guardduty-agent-fargate';

/**
 * AWS managed policies whose documents the writer gate simulates; any other AWS managed policy attached to a writer
 * is not simulated (its document is not in the templates) and the problem says so.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, unknown>> = {
  // AWS Batch / Amazon ECS, "task execution IAM role": the AmazonECSTaskExecutionRolePolicy document.
  'service-role/AmazonECSTaskExecutionRolePolicy': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'ecr:GetAuthorizationToken',
          'ecr:BatchCheckLayerAvailability',
          'ecr:GetDownloadUrlForLayer',
          'ecr:BatchGetImage',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
        ],
        Resource: '*',
      },
    ],
  },
};
