import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { GithubDeployRoleProps } from '../../constructs/github-deploy-role';
import { DEPLOY_SESSION_SECONDS, GithubDeployRole } from '../../constructs/github-deploy-role';
import {
  buildApp,
  CDK_JSON_CONTEXT,
  referencePlatform,
  referenceServices,
  stackAt,
  validate,
} from '../support/example';

function role(props: Partial<GithubDeployRoleProps> = {}) {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Baseline', { env: { account: '444444444444', region: 'ap-northeast-1' } });
  new GithubDeployRole(stack, 'GithubDeploy', {
    repository: 'acme/platform',
    githubEnvironment: 'dev',
    cdkQualifier: 'landfall',
    regions: ['ap-northeast-1'],
    roleName: 'landfall-github-deploy',
    ...props,
  });
  return Template.fromStack(stack);
}

describe('GithubDeployRole: session length', () => {
  // IAM User Guide, "Role chaining": "Role chaining limits your AWS CLI or AWS API role session to a maximum of one
  // hour." The CDK CLI's sessions in the bootstrap roles are chained from this role's session and capped at 1 hour;
  // the CLI renews them from this session (aws/aws-cdk#32354, "fix(cli): short-lived credentials are not refreshed"),
  // so this session, not the chained ones, must outlive a long prod deploy.
  it('lets GitHub Actions hold a 3-hour session, longer than a prod deploy may take', () => {
    expect(DEPLOY_SESSION_SECONDS).toBe(10800);
    role().hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: DEPLOY_SESSION_SECONDS });
  });

  it('takes another session length when given one', () => {
    role({ maxSessionDuration: Duration.hours(6) }).hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 21600,
    });
  });
});

describe('GithubDeployRole: the OIDC provider', () => {
  it('creates the GitHub OIDC provider and trusts it by default', () => {
    const t = role();
    t.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Federated: { Ref: Match.stringLikeRegexp('OidcProvider') } } })],
      },
    });
  });

  // IAM API Reference, CreateOpenIDConnectProvider (Url): "You cannot register the same provider multiple times in a
  // single AWS account. If you try to submit a URL that has already been used for an OpenID Connect provider in the
  // AWS account, you will get an error."
  it('trusts the existing provider of an adopted account instead of creating a second one', () => {
    const t = role({ createOidcProvider: false });
    t.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: {
              Federated: 'arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com',
            },
          }),
        ],
      },
    });
  });
});

describe('accounts[].existing.githubOidcProvider', () => {
  it('makes that account’s Baseline trust the existing provider, and only that account’s', () => {
    const platform = referencePlatform();
    const accounts = platform.accounts as Array<Record<string, unknown>>;
    const stg = accounts.find((a) => a.name === 'stg');
    if (!stg) throw new Error('no stg account');
    stg.existing = { githubOidcProvider: true };
    const built = buildApp({ model: validate(platform, referenceServices()) });
    Template.fromStack(stackAt(built, 'stg/Baseline')).resourceCountIs('AWS::IAM::OIDCProvider', 0);
    Template.fromStack(stackAt(built, 'prod/Baseline')).resourceCountIs('AWS::IAM::OIDCProvider', 1);
  });

  it('rejects an unknown key in existing, naming the allowed ones', () => {
    const platform = referencePlatform();
    (platform.accounts as Array<Record<string, unknown>>)[3].existing = { githubOidc: true };
    expect(() => validate(platform)).toThrow(
      'config/platform.ts has 1 problem:\n  * accounts[3].existing.githubOidc: is not a known key (allowed: configRecorder, slackChannels, githubOidcProvider)',
    );
  });
});

describe('GithubDeployRole: release gates', () => {
  // Service Authorization Reference, Amazon CloudWatch: DescribeAlarms takes the alarm resource type; GetMetricData
  // has none, so it can only be granted on "*".
  it("reads only landfall's alarms and metric data, for the error budget freeze", () => {
    role({ readAlarmsPrefix: 'landfall-' }).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'cloudwatch:DescribeAlarms',
            Effect: 'Allow',
            Resource: 'arn:aws:cloudwatch:*:444444444444:alarm:landfall-*',
          },
          { Action: 'cloudwatch:GetMetricData', Effect: 'Allow', Resource: '*' },
        ],
      },
    });
  });

  // Amazon ECS Developer Guide, "Permissions required for viewing Amazon ECS service deployments": ListServiceDeployments
  // takes the service resource, "arn:aws:ecs:us-east-1:123456789012:service/cluster-name/service-name".
  it("lists only the deployments of the environment's own cluster's services, for the release check", () => {
    role({ readAlarmsPrefix: 'landfall-', readDeploymentsOfCluster: 'landfall-dev' }).hasResourceProperties(
      'AWS::IAM::ManagedPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Action: 'ecs:ListServiceDeployments',
              Effect: 'Allow',
              Resource: 'arn:aws:ecs:*:444444444444:service/landfall-dev/*',
            },
          ]),
        },
      },
    );
  });

  it('has no ECS access without a cluster', () => {
    expect(JSON.stringify(role({ readAlarmsPrefix: 'landfall-' }).toJSON())).not.toContain('ecs:');
  });

  it('refuses a cluster to read without the alarms the check also reads', () => {
    expect(() => role({ readDeploymentsOfCluster: 'landfall-dev' })).toThrow(
      'GithubDeployRole: readDeploymentsOfCluster needs readAlarmsPrefix (the release check reads the alarms too)',
    );
  });

  it('has no CloudWatch access without a prefix', () => {
    expect(JSON.stringify(role().toJSON())).not.toContain('cloudwatch:');
  });
});

describe('GithubDeployRole: who may assume it', () => {
  const statement = (t: Template) => {
    const [r] = Object.values(t.findResources('AWS::IAM::Role'));
    return r.Properties.AssumeRolePolicyDocument.Statement[0];
  };

  it('trusts only the GitHub environment of the deploy, through the audience of STS', () => {
    expect(statement(role()).Condition.StringEquals).toEqual(
      expect.objectContaining({
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:acme/platform:environment:dev',
      }),
    );
  });

  // A writer can reference any environment from a new workflow or another branch; job_workflow_ref pins the
  // workflow file and its ref (Service Authorization Reference, AWS STS condition keys:
  // "token.actions.githubusercontent.com:job_workflow_ref").
  it('trusts only deploy.yml run from main', () => {
    expect(statement(role()).Condition.StringEquals['token.actions.githubusercontent.com:job_workflow_ref']).toBe(
      'acme/platform/.github/workflows/deploy.yml@refs/heads/main',
    );
  });

  it('takes another workflow file and branch when given them', () => {
    const t = role({ workflowPath: '.github/workflows/release.yml', branch: 'release' });
    expect(statement(t).Condition.StringEquals['token.actions.githubusercontent.com:job_workflow_ref']).toBe(
      'acme/platform/.github/workflows/release.yml@refs/heads/release',
    );
  });

  it('uses no wildcard operator, so no other workflow or ref matches', () => {
    expect(Object.keys(statement(role()).Condition)).toEqual(['StringEquals']);
  });
});
