import type { LandfallModel } from '../../lib/config';
import { referencePlatform, validate } from './example';

/** Account IDs that look like real ones (no repeated digit, no documentation example), by config account name. */
export const REAL_IDS = {
  management: '403925181745',
  security: '528361497210',
  'log-archive': '639472508321',
  dev: '740583619432',
  stg: '851694720543',
  prod: '962705831654',
} as const;

export const REAL_IC = {
  instanceArn: 'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6',
  identityStoreId: 'd-9067a1b2c3',
  groups: {
    'platform-admins': '9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
    developers: '9067a1b2c3-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    'on-call': '9067a1b2c3-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e',
    auditors: '9067a1b2c3-3c4d5e6f-7a8b-9c0d-1e2f-3a4b5c6d7e8f',
    finance: '9067a1b2c3-4d5e6f7a-8b9c-0d1e-2f3a-4b5c6d7e8f9a',
  },
} as const;

/**
 * The reference platform with every placeholder filled in as a team would: real-looking account IDs and
 * addresses, organization, Identity Center, Slack and certificate IDs. `edit` changes it further.
 */
export function realPlatform(edit: (p: ReturnType<typeof referencePlatform>) => void = () => undefined) {
  const p = referencePlatform();
  const mail = (local: string) => `${local}@acme-platform.io`;
  p.organization = { ...p.organization, id: 'o-a1b2c3d4e5', rootId: 'r-a1b2' };
  p.accounts = p.accounts.map((a) => ({
    ...a,
    id: REAL_IDS[a.name as keyof typeof REAL_IDS],
    email: mail(`aws+${a.name}`),
  }));
  p.identityCenter = { ...p.identityCenter, ...REAL_IC, groups: { ...REAL_IC.groups } };
  p.notifications = {
    ...p.notifications,
    emails: [mail('platform-alerts')],
    page: { emails: [mail('oncall')], slackChannelId: 'C07EZ1ABC23' },
    slackWorkspaceId: 'T07EA1B2LEP',
  };
  p.cost = { ...p.cost, emails: [mail('platform-alerts'), mail('finance')], slackChannelId: 'C07F2KXQ9RT' };
  const certificates: Record<string, string> = {
    stg: '3f1c2a9e-6b7d-4c1e-9a2f-8d7e6c5b4a31',
    prod: '7b2d4e6f-8a1c-4d3e-b5f7-9c0e2a4b6d81',
  };
  p.environments = p.environments.map((e) =>
    e.domain === undefined
      ? e
      : { ...e, domain: { name: `${e.name}.acme-platform.io`, certificateId: certificates[e.name] ?? '' } },
  );
  edit(p);
  return p;
}

/** The validated model of `realPlatform(edit)`. */
export function realModel(edit?: (p: ReturnType<typeof referencePlatform>) => void): LandfallModel {
  return validate(realPlatform(edit));
}
