import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { tempRepo } from '../support/cli';
import { REFERENCE_CONFIG_DIR, REPO_ROOT } from '../support/example';

const fixture = (name: string) => path.join(REPO_ROOT, 'test/fixtures', name);
const messageOf = (dir: string): string => {
  try {
    loadConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error(`expected ${dir} to be rejected`);
};

describe('loadConfig', () => {
  it('loads the example platform and every service file', () => {
    const model = loadConfig(REFERENCE_CONFIG_DIR);
    expect(model.services.map((s) => s.name)).toEqual(['api', 'jobs']);
    expect(model.accounts.logArchive.name).toBe('log-archive');
  });

  it('resolves each environment with its tier profile', () => {
    const model = loadConfig(REFERENCE_CONFIG_DIR);
    const prod = model.environments.find((e) => e.name === 'prod');
    expect(prod?.profile).toMatchObject({
      retainData: true,
      terminationProtection: true,
      configRecordingFrequency: 'CONTINUOUS',
    });
    expect(prod?.account.id).toBe('666666666666');
  });

  it('reports problems with the path of the file that has them', () => {
    expect(messageOf(fixture('three-mistakes'))).toBe(
      [
        'test/fixtures/three-mistakes/platform.ts has 2 problems:',
        '  * accounts[0].id: "11111111111" is not a 12-digit AWS account ID',
        '  * availabilityZones[1]: "us-east-1c" is not in the home region ap-northeast-1 (allowed: ap-northeast-1a, ap-northeast-1b, ...)',
        'test/fixtures/three-mistakes/services/web.ts has 1 problem:',
        '  * memoryMiB: 4096 is not allowed with cpu 256 (allowed: 512, 1024, 2048)',
      ].join('\n'),
    );
  });

  it('reports a platform file without a default export', () => {
    expect(messageOf(fixture('no-default'))).toBe(
      'test/fixtures/no-default/platform.ts has 1 problem:\n  * has no default export (write `export default definePlatform({...})` or `export default defineService({...})`)',
    );
  });

  it('reports a missing platform file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-empty-'));
    expect(messageOf(dir)).toBe(
      `${path.relative(process.cwd(), path.join(dir, 'platform.ts'))} has 1 problem:\n  * does not exist (expected a module whose default export is the definition)`,
    );
  });

  it('reports a service file that fails to load, together with the other files', () => {
    const root = tempRepo();
    try {
      const dir = path.join(root, 'config');
      fs.writeFileSync(path.join(dir, 'services', 'broken.ts'), "throw new Error('boom: cannot read secrets.json');\n");
      const shown = path.relative(process.cwd(), path.join(dir, 'services', 'broken.ts'));
      expect(messageOf(dir)).toBe(
        `${shown} has 1 problem:\n  * could not be loaded: 1:7: boom: cannot read secrets.json`,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
