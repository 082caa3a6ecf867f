import type { Attempt, Principal } from './adversary';
import { attempt } from './adversary';
import { referencePlatform, validate } from '../support/example';

/**
 * Exemptions that cannot be minted (issue 10, item 1). The guardrails exempt principals by role name; an
 * administrator of a member account (PlatformAdmin: AdministratorAccess) must not be able to create a role with an
 * exempt name, change an exempt role's trust or policies, pass it to a service, assume the deploy path, or run a
 * landfall stack or custom resource function as it. SCPs apply to every principal of a member account ("SCPs
 * affect all users and roles in attached accounts, including the root user", AWS Organizations User Guide, "Service
 * control policies"), so AdministratorAccess does not help.
 */
const model = validate(referencePlatform());
const MEMBERS = ['security', 'log-archive', 'dev', 'stg', 'prod'];
const role = (name: string) => `arn:aws:iam::{account}:role/${name}`;

/** Every role the guardrails exempt somewhere, by what it is. */
const EXEMPT_ROLES: ReadonlyArray<[string, string]> = [
  ['the break-glass role', role('landfall-break-glass')],
  ['OrganizationAccountAccessRole', role('OrganizationAccountAccessRole')],
  ['the CDK execution role', role('cdk-{q}-cfn-exec-role-{account}-{region}')],
  ['the CDK deploy role', role('cdk-{q}-deploy-role-{account}-{region}')],
  ['the GitHub deploy role', role('landfall-github-deploy')],
  ['the GuardDuty configurator', role('landfall-guardduty-configurator')],
  ['a Baseline settings role', role('landfall-dev-baseline-AWS679f53fac002430cb0da5b79-Q1W2E3R4T5Y6')],
];

const denied = (who: Principal, account: string, action: string, resource: string): Attempt => ({
  who,
  account,
  action,
  resource,
});

const minting: Array<[string, Attempt]> = MEMBERS.flatMap((account) =>
  EXEMPT_ROLES.flatMap(([what, arn]): Array<[string, Attempt]> => [
    [
      `${account}: an administrator creating ${what} is denied`,
      denied('platform-admin', account, 'iam:CreateRole', arn),
    ],
    [
      `${account}: an administrator changing the trust of ${what} is denied`,
      denied('platform-admin', account, 'iam:UpdateAssumeRolePolicy', arn),
    ],
  ]),
);

const CHANGES = [
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DetachRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRole',
];
const changing: Array<[string, Attempt]> = EXEMPT_ROLES.flatMap(([what, arn]) =>
  CHANGES.map((action): [string, Attempt] => [
    `prod: an administrator's ${action} on ${what} is denied`,
    denied('platform-admin', 'prod', action, arn),
  ]),
);

const using: Array<[string, Attempt]> = [
  [
    'an administrator passing the CDK execution role to CloudFormation is denied',
    denied('platform-admin', 'prod', 'iam:PassRole', role('cdk-{q}-cfn-exec-role-{account}-{region}')),
  ],
  [
    'an administrator passing the GuardDuty configurator to a function (to suspend GuardDuty) is denied',
    denied('platform-admin', 'security', 'iam:PassRole', role('landfall-guardduty-configurator')),
  ],
  [
    'an administrator passing the break-glass role is denied',
    denied('platform-admin', 'dev', 'iam:PassRole', role('landfall-break-glass')),
  ],
  [
    'an administrator assuming the CDK deploy role (to deploy as the execution role) is denied',
    denied('platform-admin', 'prod', 'sts:AssumeRole', role('cdk-{q}-deploy-role-{account}-{region}')),
  ],
  [
    'a role the administrator made assuming the CDK deploy role is denied',
    denied('admin-made-role', 'stg', 'sts:AssumeRole', role('cdk-{q}-deploy-role-{account}-{region}')),
  ],
  [
    'an administrator updating a landfall stack (CloudFormation reuses the stack role) is denied',
    denied(
      'platform-admin',
      'prod',
      'cloudformation:UpdateStack',
      'arn:aws:cloudformation:{region}:{account}:stack/landfall-prod-baseline/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    ),
  ],
  [
    'an administrator deleting the CDK bootstrap stack is denied',
    denied(
      'platform-admin',
      'dev',
      'cloudformation:DeleteStack',
      'arn:aws:cloudformation:{region}:{account}:stack/CDKToolkit/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    ),
  ],
  [
    "an administrator replacing the code of landfall's GuardDuty configurator function is denied",
    denied(
      'platform-admin',
      'security',
      'lambda:UpdateFunctionCode',
      'arn:aws:lambda:{region}:{account}:function:landfall-security-guardduty-AWS679f53fac002430cb0d-A1B2C3',
    ),
  ],
  [
    'an administrator invoking a landfall custom resource function with a forged event is denied',
    denied(
      'platform-admin',
      'security',
      'lambda:InvokeFunction',
      'arn:aws:lambda:{region}:{account}:function:landfall-security-guardduty-AWS679f53fac002430cb0d-A1B2C3',
    ),
  ],
  [
    "an administrator rewriting the GitHub deploy role's managed policy is denied",
    denied(
      'platform-admin',
      'prod',
      'iam:CreatePolicyVersion',
      'arn:aws:iam::{account}:policy/landfall-prod-baseline-GithubDeployAssumeBootstrapRoles-A1B2C3',
    ),
  ],
  [
    'a deployment changing the CDK bootstrap roles is denied (only cdk bootstrap with privileged credentials may)',
    denied('cfn-exec-role', 'prod', 'iam:UpdateAssumeRolePolicy', role('cdk-{q}-deploy-role-{account}-{region}')),
  ],
  [
    'a deployment changing the break-glass role is denied',
    denied('cfn-exec-role', 'dev', 'iam:AttachRolePolicy', role('landfall-break-glass')),
  ],
  [
    'the GitHub deploy role cannot pass the execution role itself (only through the CDK deploy role)',
    denied('github-deploy', 'prod', 'iam:PassRole', role('cdk-{q}-cfn-exec-role-{account}-{region}')),
  ],
];

describe('exemptions that cannot be minted, changed or borrowed', () => {
  it('covers every exemption in every member account', () => {
    expect(minting).toHaveLength(EXEMPT_ROLES.length * MEMBERS.length * 2);
  });

  it.each([...minting, ...changing, ...using])('%s', async (_name, a) => {
    await expect(attempt(model, a)).resolves.toBe('denied');
  });
});
