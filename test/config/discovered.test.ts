import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, validateConfig } from '../../lib/config';
import type { ConfigSource } from '../../lib/config';
import { tempRepo } from '../support/cli';
import { REFERENCE_CONFIG_DIR, referencePlatform, referenceServices, REPO_ROOT } from '../support/example';

const services = (): ConfigSource[] =>
  Object.entries(referenceServices()).map(([name, data]) => ({ file: `config/services/${name}.ts`, data }));
/** What `landfall accounts sync` writes for the reference organization (test/fixtures/discovered/). */
const exampleDiscovered = () =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'discovered', 'discovered.json'), 'utf8'));

function withDiscovered(discovered: unknown, platform: unknown = referencePlatform()) {
  return validateConfig({ file: 'config/platform.ts', data: platform }, services(), {
    file: 'config/discovered.json',
    data: discovered,
  });
}

function errorWith(discovered: unknown): string {
  try {
    withDiscovered(discovered);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config/discovered.json', () => {
  // Whether the team's config/ has one is theirs to decide (accounts sync writes it, they commit it): not tested here.
  it('is absent from the reference config, which then has only the values of platform.ts', () => {
    expect(fs.existsSync(path.join(REFERENCE_CONFIG_DIR, 'discovered.json'))).toBe(false);
    expect(loadConfig(REFERENCE_CONFIG_DIR).discovered).toBeUndefined();
  });

  it('is read by loadConfig when the sync has written it', () => {
    const root = tempRepo();
    const discovered = exampleDiscovered();
    discovered.identityCenter.instanceArn = 'arn:aws:sso:::instance/ssoins-1111222233334444';
    fs.writeFileSync(path.join(root, 'config', 'discovered.json'), JSON.stringify(discovered));
    expect(loadConfig(path.join(root, 'config')).platform.identityCenter.instanceArn).toBe(
      'arn:aws:sso:::instance/ssoins-1111222233334444',
    );
  });

  it('supplies the organization, Identity Center and group IDs the stacks use, by group display name', () => {
    const discovered = exampleDiscovered();
    discovered.organization.id = 'o-realorg12345';
    discovered.organization.rootId = 'r-real';
    discovered.identityCenter.instanceArn = 'arn:aws:sso:::instance/ssoins-1111222233334444';
    discovered.identityCenter.identityStoreId = 'd-1111222233';
    discovered.identityCenter.groups['on-call'] = '11112222-3333-4444-8555-666677778888';
    const { platform } = withDiscovered(discovered);
    expect(platform.organization).toMatchObject({ id: 'o-realorg12345', rootId: 'r-real' });
    expect(platform.identityCenter).toMatchObject({
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
      identityStoreId: 'd-1111222233',
    });
    expect(platform.identityCenter.groups['on-call']).toBe('11112222-3333-4444-8555-666677778888');
    expect(platform.identityCenter.groups.finance).toBe('00000000-0000-4000-8000-000000000005');
  });

  it('overrides the account IDs of platform.ts, matched by email', () => {
    const discovered = exampleDiscovered();
    discovered.accounts[3].id = '123456789012';
    const model = withDiscovered(discovered);
    expect(model.platform.accounts.find((a) => a.name === 'dev')?.id).toBe('123456789012');
    expect(model.environments.find((e) => e.name === 'dev')?.account.id).toBe('123456789012');
  });

  it('matches emails case-insensitively and keeps the name, role and budget of platform.ts', () => {
    const discovered = exampleDiscovered();
    discovered.accounts[5] = {
      ...discovered.accounts[5],
      name: 'old-name',
      email: 'AWS+PROD@example.com',
      id: '999999999999',
    };
    const prod = withDiscovered(discovered).platform.accounts.find((a) => a.role === 'workload' && a.name === 'prod');
    expect(prod).toEqual(
      expect.objectContaining({ id: '999999999999', email: 'aws+prod@example.com', monthlyBudgetUsd: 1500 }),
    );
  });

  it('keeps the platform.ts ID of an account the sync has not found', () => {
    const discovered = exampleDiscovered();
    discovered.accounts = discovered.accounts.filter((a: { name: string }) => a.name !== 'prod');
    expect(withDiscovered(discovered).platform.accounts.find((a) => a.name === 'prod')?.id).toBe('666666666666');
  });

  it('ignores, with a notice, a discovered account whose email no config account has (emails replaced since the sync)', () => {
    const discovered = exampleDiscovered();
    discovered.accounts[2].email = 'gone@example.com';
    discovered.accounts[2].id = '999999999999';
    const model = withDiscovered(discovered);
    expect(model.platform.accounts.map((a) => a.id)).not.toContain('999999999999');
    expect(model.notices).toEqual([
      {
        file: 'config/discovered.json',
        path: 'accounts[2].email',
        message:
          '"gone@example.com" is the email of no account in the platform config: ignored (run `landfall accounts sync` to refresh the file)',
      },
    ]);
  });

  it('still reports a mistyped account ID in platform.ts that the discovered ID replaces', () => {
    const platform = referencePlatform();
    (platform.accounts as Array<{ id: string }>)[3].id = '44444444444';
    expect(() => withDiscovered(exampleDiscovered(), platform)).toThrow(
      'config/platform.ts has 1 problem:\n  * accounts[3].id: "44444444444" is not a 12-digit AWS account ID (config/discovered.json has 444444444444 for aws+dev@example.com: write that, or leave the id out)',
    );
  });

  it('rejects malformed IDs with the field and the value', () => {
    const discovered = exampleDiscovered();
    discovered.accounts[1].id = '12345';
    discovered.identityCenter.identityStoreId = 'store';
    expect(errorWith(discovered)).toBe(
      [
        'config/discovered.json has 2 problems:',
        '  * accounts[1].id: "12345" is not a 12-digit AWS account ID',
        '  * identityCenter.identityStoreId: "store" is not an identity store ID',
      ].join('\n'),
    );
  });

  it('treats the Identity Center section as optional', () => {
    const discovered = exampleDiscovered();
    delete discovered.identityCenter;
    expect(withDiscovered(discovered).discovered?.identityCenter).toBeUndefined();
  });

  it('reports a file that is not JSON with how to regenerate it', () => {
    const root = tempRepo();
    fs.writeFileSync(path.join(root, 'config', 'discovered.json'), '{ not json');
    expect(() => loadConfig(path.join(root, 'config'))).toThrow(
      /discovered\.json has 1 problem:\n {2}\* is not valid JSON: .* \(regenerate it with `landfall accounts sync`\)/,
    );
  });

  it('is ignored when the loader is asked to leave it out (accounts sync regenerates it)', () => {
    const root = tempRepo();
    fs.writeFileSync(path.join(root, 'config', 'discovered.json'), '{ not json');
    expect(loadConfig(path.join(root, 'config'), { discovered: false }).discovered).toBeUndefined();
  });
});
