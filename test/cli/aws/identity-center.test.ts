import { discoverIdentityCenter } from '../../../lib/cli/aws/identity-center';
import { fakeAws, freshOrganization } from '../../support/fake-aws';

const retry = { sleep: async () => undefined };
const options = { managementAccountId: '111111111111', region: 'ap-northeast-1' };

describe('discoverIdentityCenter', () => {
  it('finds the group IDs by display name and lists the names it cannot find', async () => {
    const aws = fakeAws(freshOrganization({ groups: { developers: 'g-1', 'platform-admins': 'g-2' } }));
    const found = await discoverIdentityCenter(aws.clients, retry, {
      ...options,
      groupNames: ['platform-admins', 'auditors'],
    });
    expect(found).toEqual({
      found: true,
      instanceArn: 'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6',
      identityStoreId: 'd-9067a1b2c3',
      groups: { 'platform-admins': 'g-2' },
      missingGroups: ['auditors'],
    });
  });

  it('records every group, sorted by name, when no names are asked for', async () => {
    const aws = fakeAws(freshOrganization({ groups: { zeta: 'g-9', alpha: 'g-1' } }));
    const found = await discoverIdentityCenter(aws.clients, retry, { ...options, groupNames: undefined });
    expect(found.found && Object.entries(found.groups)).toEqual([
      ['alpha', 'g-1'],
      ['zeta', 'g-9'],
    ]);
  });

  it('ignores an account instance owned by another account', async () => {
    const aws = fakeAws(
      freshOrganization({
        instances: [
          {
            arn: 'arn:aws:sso:::instance/ssoins-aaaaaaaaaaaaaaaa',
            identityStoreId: 'd-aaaaaaaaaa',
            owner: '999999999999',
          },
        ],
      }),
    );
    const found = await discoverIdentityCenter(aws.clients, retry, { ...options, groupNames: undefined });
    expect(found.found).toBe(false);
  });
});
