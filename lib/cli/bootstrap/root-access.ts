/**
 * Centralized root access for member accounts (IAM User Guide, "Centrally manage root access for member
 * accounts"): the management account removes the member accounts' root credentials and runs the few root-only
 * tasks through short `sts:AssumeRoot` sessions instead. Both features need trusted access for IAM first
 * (EnableOrganizationsRootCredentialsManagement / EnableOrganizationsRootSessions, IAM API Reference: "Enable
 * trusted access for AWS Identity and Access Management in AWS Organizations"), which `TRUSTED_SERVICES` enables
 * in an earlier step.
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import {
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam';
import { AwsCallError, call } from '../aws/call';
import type { Step, StepStatus } from './engine';
import type { StepContext } from './steps';

/** The two features of centralized root access, in the order `bootstrap` enables them. */
export const ROOT_ACCESS_FEATURES = [
  {
    feature: 'RootCredentialsManagement',
    title: 'central root access: root credentials management',
    action: 'iam:EnableOrganizationsRootCredentialsManagement',
    enable: (iam: IAMClient) => iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})),
  },
  {
    feature: 'RootSessions',
    title: 'central root access: root sessions for privileged tasks',
    action: 'iam:EnableOrganizationsRootSessions',
    enable: (iam: IAMClient) => iam.send(new EnableOrganizationsRootSessionsCommand({})),
  },
] as const;

/** The centralized root access features already enabled; `undefined` while IAM has no trusted access yet. */
async function enabledFeatures(ctx: StepContext): Promise<readonly string[] | undefined> {
  try {
    const out = await call(
      'iam:ListOrganizationsFeatures',
      () => ctx.clients.iam.send(new ListOrganizationsFeaturesCommand({})),
      ctx.retry,
    );
    return out.EnabledFeatures ?? [];
  } catch (err) {
    if (err instanceof AwsCallError && err.code === 'ServiceAccessNotEnabledException') return undefined;
    throw err;
  }
}

export function rootAccessSteps(ctx: StepContext): Step[] {
  return ROOT_ACCESS_FEATURES.map((f) => ({
    id: `root-access:${f.feature}`,
    title: f.title,
    async check(): Promise<StepStatus> {
      const enabled = await enabledFeatures(ctx);
      if (enabled?.includes(f.feature)) return { state: 'done', detail: `${f.feature} is enabled` };
      return {
        state: 'to do',
        detail: `${f.action.split(':')[1]}${enabled === undefined ? ' (after trusted access for iam.amazonaws.com)' : ''}`,
      };
    },
    async act() {
      await call(f.action, () => f.enable(ctx.clients.iam), ctx.retry);
    },
  }));
}
