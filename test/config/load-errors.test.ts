import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../lib/config';
import { runCliProcess, tempRepo } from '../support/cli';

/** Load a temporary repository's config, edited; the report `landfall validate` and synth print. */
function reportOf(edit: (root: string) => void): string {
  const root = tempRepo();
  try {
    edit(root);
    loadConfig(path.join(root, 'config'));
  } catch (err) {
    if (err instanceof ConfigError) return err.message.replaceAll(path.relative(process.cwd(), root), 'REPO');
    throw err;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  throw new Error('expected the config to be rejected');
}

const rewrite = (file: string, from: string | RegExp, to: string) =>
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

describe('a config file that does not load', () => {
  it('names the line, the column and the compiler message of a syntax error', () => {
    const report = reportOf((root) =>
      rewrite(
        path.join(root, 'config', 'platform.ts'),
        "homeRegion: 'ap-northeast-1',",
        "homeRegion: 'ap-northeast-1'",
      ),
    );
    expect(report).toBe("REPO/config/platform.ts has 1 problem:\n  * 12:3: ',' expected. (TS1005)");
  });

  it('names the line of a service file that throws while it loads', () => {
    const report = reportOf((root) =>
      rewrite(path.join(root, 'config', 'services', 'jobs.ts'), 'export default', 'missingHelper();\nexport default'),
    );
    expect(report).toMatch(
      /^REPO\/config\/services\/jobs\.ts has 1 problem:\n {2}\* could not be loaded: 3:1: missingHelper is not defined$/,
    );
  });
});

describe('image directories', () => {
  it('reports a service whose image directory does not exist', () => {
    const report = reportOf((root) => fs.rmSync(path.join(root, 'services', 'jobs'), { recursive: true }));
    expect(report).toBe(
      'REPO/config/services/jobs.ts has 1 problem:\n  * image.directory: "services/jobs" is not a directory (relative to the repository root REPO; create it with a Dockerfile, or run `landfall new-service`)',
    );
  });

  it('reports an image directory without a Dockerfile', () => {
    const report = reportOf((root) => fs.rmSync(path.join(root, 'services', 'api', 'Dockerfile')));
    expect(report).toBe(
      'REPO/config/services/api.ts has 1 problem:\n  * image.directory: "services/api" has no Dockerfile (relative to the repository root REPO; the image is built from services/api/Dockerfile for linux/arm64)',
    );
  });

  it('reports the image problem together with the schema problems of the same load', () => {
    const report = reportOf((root) => {
      fs.rmSync(path.join(root, 'services', 'api', 'Dockerfile'));
      rewrite(path.join(root, 'config', 'services', 'jobs.ts'), 'cpu: 256', 'cpu: 300');
    });
    expect(report.split('\n').filter((l) => l.startsWith('  * '))).toEqual([
      '  * image.directory: "services/api" has no Dockerfile (relative to the repository root REPO; the image is built from services/api/Dockerfile for linux/arm64)',
      '  * cpu: 300 is not a Fargate CPU value (allowed: 256, 512, 1024, 2048, 4096, 8192, 16384)',
    ]);
  });
});

describe('the landfall bin (tsx, as users run it)', () => {
  it('prints the location of a syntax error and no stack trace', async () => {
    const root = tempRepo((ts) => ts.replace("homeRegion: 'ap-northeast-1',", "homeRegion: 'ap-northeast-1'"));
    try {
      const run = await runCliProcess(['validate'], { cwd: root, env: { ...process.env, CI: 'true' } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("config/platform.ts has 1 problem:\n  * 12:3: ',' expected. (TS1005)");
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
