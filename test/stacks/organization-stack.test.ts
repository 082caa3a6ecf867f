import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, referencePlatform, stackAt, validate } from '../support/example';

const built = buildApp();
const stack = stackAt(built, 'Org/Organization');
const template = Template.fromStack(stack);
const accounts = template.findResources('AWS::Organizations::Account');
const ouRef = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Id'] });

describe('Organization stack', () => {
  it('is deployed to the management account in us-east-1, where Organizations lives', () => {
    expect([stack.account, stack.region]).toEqual(['111111111111', 'us-east-1']);
  });

  it('is termination-protected', () => {
    expect(stack.terminationProtection).toBe(true);
  });

  it('creates the Security, Workloads, NonProd, Prod and Suspended OUs', () => {
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', { Name: 'Security', ParentId: 'r-exmp' });
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', { Name: 'Workloads', ParentId: 'r-exmp' });
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: 'NonProd',
      ParentId: ouRef('UnitsWorkloads4B7E50A2'),
    });
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: 'Prod',
      ParentId: ouRef('UnitsWorkloads4B7E50A2'),
    });
    template.hasResourceProperties('AWS::Organizations::OrganizationalUnit', { Name: 'Suspended', ParentId: 'r-exmp' });
  });

  it('retains the OUs, so an existing OU can be adopted with cdk import', () => {
    for (const ou of Object.values(template.findResources('AWS::Organizations::OrganizationalUnit'))) {
      expect([ou.DeletionPolicy, ou.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });

  it('creates every member account and not the management account', () => {
    expect(Object.values(accounts).map((a) => a.Properties.AccountName)).toEqual([
      'security',
      'log-archive',
      'dev',
      'stg',
      'prod',
    ]);
  });

  it('chains the accounts with DependsOn, one creation at a time, in config order', () => {
    expect(Object.entries(accounts).map(([id, a]) => [id, a.DependsOn])).toEqual([
      ['AccountssecurityA8193603', undefined],
      ['AccountslogarchiveF4D53296', ['AccountssecurityA8193603']],
      ['AccountsdevF68C7948', ['AccountslogarchiveF4D53296']],
      ['Accountsstg891EE7D7', ['AccountsdevF68C7948']],
      ['Accountsprod0699B6E6', ['Accountsstg891EE7D7']],
    ]);
  });

  it('retains every account on deletion and on replacement', () => {
    for (const account of Object.values(accounts)) {
      expect([account.DeletionPolicy, account.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
  });

  it('places the shared accounts in Security and workload accounts by their tier', () => {
    const parents = Object.fromEntries(
      Object.values(accounts).map((a) => [a.Properties.AccountName, a.Properties.ParentIds]),
    );
    expect(parents).toEqual({
      security: [ouRef('UnitsSecurityBAA9A447')],
      'log-archive': [ouRef('UnitsSecurityBAA9A447')],
      dev: [ouRef('UnitsWorkloadsNonProd79FC0C79')],
      stg: [ouRef('UnitsWorkloadsNonProd79FC0C79')],
      prod: [ouRef('UnitsWorkloadsProdC95B9BE9')],
    });
  });

  it('moves an account whose organizationalUnit is Suspended into the Suspended OU', () => {
    const p = referencePlatform();
    p.accounts[4].organizationalUnit = 'Suspended';
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'Org/Organization'));
    t.hasResourceProperties('AWS::Organizations::Account', {
      AccountName: 'stg',
      ParentIds: [ouRef('UnitsSuspendedE3CACD9C')],
    });
  });

  it('leaves out an account waiting for cdk import, so the import is the only change', () => {
    const p = referencePlatform();
    p.accounts[3].importPending = true;
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'Org/Organization'));
    const names = Object.values(t.findResources('AWS::Organizations::Account')).map((a) => a.Properties.AccountName);
    expect(names).toEqual(['security', 'log-archive', 'stg', 'prod']);
  });

  it('attaches the root guardrails to the root', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-organization-integrity',
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: ['r-exmp'],
    });
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-protect-security-services',
      TargetIds: ['r-exmp'],
    });
  });

  it('attaches the IAM-user and region guardrails to the Security and Workloads OUs', () => {
    for (const name of ['landfall-deny-iam-users', 'landfall-deny-other-regions']) {
      template.hasResourceProperties('AWS::Organizations::Policy', {
        Name: name,
        TargetIds: [ouRef('UnitsSecurityBAA9A447'), ouRef('UnitsWorkloads4B7E50A2')],
      });
    }
  });

  it('attaches the freeze guardrail to the Suspended OU', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-suspended',
      TargetIds: [ouRef('UnitsSuspendedE3CACD9C')],
    });
  });

  it('writes the allowed regions and the break-glass role into the region guardrail', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-deny-other-regions',
      Content: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': ['ap-northeast-1', 'us-east-1'] },
              ArnNotLike: {
                'aws:PrincipalArn': [
                  'arn:*:iam::*:role/landfall-break-glass',
                  'arn:*:iam::*:role/OrganizationAccountAccessRole',
                ],
              },
            },
          }),
        ],
      },
    });
  });

  it('attaches a guardrail from the config to its targets', () => {
    const p = referencePlatform();
    p.guardrails = {
      policies: [
        {
          name: 'deny-expensive-instances',
          description: 'No GPU instances',
          document: { Version: '2012-10-17', Statement: [] },
          targets: ['Workloads/NonProd'],
        },
      ],
    };
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'Org/Organization'));
    t.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'deny-expensive-instances',
      TargetIds: [ouRef('UnitsWorkloadsNonProd79FC0C79')],
    });
  });

  it('tags each account with its environment, or its role for shared accounts', () => {
    const tags = Object.values(accounts).map(
      (a) => a.Properties.Tags.find((t: { Key: string }) => t.Key === 'landfall:environment').Value,
    );
    expect(tags).toEqual(['security', 'log-archive', 'dev', 'stg', 'prod']);
  });

  it('outputs the ID of every account it creates', () => {
    expect(Object.keys(template.findOutputs('*')).filter((k) => k.startsWith('Accounts'))).toHaveLength(5);
  });
});

describe('Organization stack: resource control and declarative policies', () => {
  it('attaches the data-perimeter RCP to the root', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-data-perimeter',
      Type: 'RESOURCE_CONTROL_POLICY',
      TargetIds: ['r-exmp'],
      Content: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'EnforceOrgIdentities', Effect: 'Deny' })]),
      }),
    });
  });

  it('names the ELB account of every allowed region that has one in the RCP (ALB access logs keep arriving)', () => {
    const [rcp] = Object.values(
      template.findResources('AWS::Organizations::Policy', { Properties: { Type: 'RESOURCE_CONTROL_POLICY' } }),
    );
    const statement = rcp.Properties.Content.Statement.find((s: { Sid: string }) => s.Sid === 'EnforceOrgIdentities');
    // ap-northeast-1 and us-east-1 are the reference platform's allowed regions.
    expect(statement.Condition.StringNotEqualsIfExists['aws:PrincipalAccount']).toEqual([
      '127311923021',
      '582318560864',
    ]);
  });

  it('attaches the EC2 declarative policy to the root', () => {
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-ec2-baseline',
      Type: 'DECLARATIVE_POLICY_EC2',
      TargetIds: ['r-exmp'],
      Content: { ec2_attributes: Match.objectLike({ instance_metadata_defaults: Match.anyValue() }) },
    });
  });
});
