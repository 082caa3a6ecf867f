import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MemberAccounts } from '../../constructs/member-accounts';
import { OrganizationPolicy } from '../../constructs/organization-policy';
import { OrganizationalUnits } from '../../constructs/organizational-units';
import { ServiceControlPolicy } from '../../constructs/service-control-policy';

export interface OrganizationStackProps extends StackProps {
  /** ID of the organization root. */
  readonly rootId: string;
  /** OU paths, parents first. */
  readonly organizationalUnits: readonly string[];
  /** Member accounts in creation order, each with the OU path (or `Root`) it belongs to and its own tags. */
  readonly accounts: ReadonlyArray<{
    readonly name: string;
    readonly email: string;
    readonly parent: string;
    readonly tags?: Readonly<Record<string, string>>;
  }>;
  /** SCPs with the root (`Root`) or OU paths they are attached to. */
  readonly serviceControlPolicies: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    readonly document: Record<string, unknown>;
    readonly targets: readonly string[];
  }>;
  /**
   * Resource control policies and EC2 declarative policies with the root (`Root`) or OU paths they are attached
   * to; their policy types must be enabled on the root (`landfall bootstrap`).
   * @default none
   */
  readonly organizationPolicies?: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    readonly type: 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2';
    readonly document: Record<string, unknown>;
    readonly targets: readonly string[];
  }>;
}

/**
 * The organization's structure, in the management account: OUs, member accounts (created one at a time, never
 * closed by CloudFormation), the SCP guardrails, the resource control policies and the EC2 declarative policy attached
 * to the root and OUs.
 */
export class OrganizationStack extends Stack {
  public readonly units: OrganizationalUnits;
  public readonly members: MemberAccounts;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    this.units = new OrganizationalUnits(this, 'Units', { rootId: props.rootId, paths: props.organizationalUnits });
    this.members = new MemberAccounts(this, 'Accounts', {
      accounts: props.accounts.map((a) => ({
        name: a.name,
        email: a.email,
        parentId: this.units.targetId(a.parent),
        tags: a.tags,
      })),
    });
    const guardrails = new Construct(this, 'Guardrails');
    for (const scp of props.serviceControlPolicies) {
      new ServiceControlPolicy(guardrails, scp.name, {
        name: scp.name,
        description: scp.description,
        document: scp.document,
        targetIds: scp.targets.map((t) => this.units.targetId(t)),
      });
    }
    for (const policy of props.organizationPolicies ?? []) {
      new OrganizationPolicy(guardrails, policy.name, {
        name: policy.name,
        description: policy.description,
        type: policy.type,
        document: policy.document,
        targetIds: policy.targets.map((t) => this.units.targetId(t)),
      });
    }
  }
}
