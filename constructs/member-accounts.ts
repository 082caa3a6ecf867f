import { CfnOutput, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';

export interface MemberAccountSpec {
  /** Construct ID and account name, for example `prod`. Renaming it renames the account. */
  readonly name: string;
  /** Root email address, unique across AWS. */
  readonly email: string;
  /** ID of the parent root or OU. Changing it moves the account. */
  readonly parentId: string;
  /**
   * Tags of this account, over the tags applied to the whole stack (for example its own environment name).
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface MemberAccountsProps {
  /** The accounts, in creation order. */
  readonly accounts: readonly MemberAccountSpec[];
  /**
   * Role Organizations creates in each new account for the management account's administrators.
   * @default 'OrganizationAccountAccessRole'
   */
  readonly accessRoleName?: string;
}

/**
 * Member accounts of the organization. AWS creates one account at a time, so each account depends on the one
 * before it. Every account is retained: removing it from the stack (or a replacement) never closes or removes
 * it; closing an account is a deliberate step outside CloudFormation. Existing accounts are adopted with
 * `cdk import` (identifier: the account ID).
 */
export class MemberAccounts extends Construct {
  public readonly accounts: readonly organizations.CfnAccount[];

  constructor(scope: Construct, id: string, props: MemberAccountsProps) {
    super(scope, id);
    let previous: organizations.CfnAccount | undefined;
    this.accounts = props.accounts.map((spec) => {
      const account = new organizations.CfnAccount(this, spec.name, {
        accountName: spec.name,
        email: spec.email,
        parentIds: [spec.parentId],
        roleName: props.accessRoleName ?? 'OrganizationAccountAccessRole',
      });
      account.applyRemovalPolicy(RemovalPolicy.RETAIN);
      for (const [key, value] of Object.entries(spec.tags ?? {})) Tags.of(account).add(key, value, { priority: 200 });
      if (previous) account.addResourceDependency(previous);
      previous = account;
      new CfnOutput(this, `${spec.name}Id`, {
        value: account.attrAccountId,
        description: `Account ID of ${spec.name}`,
      });
      return account;
    });
  }
}
