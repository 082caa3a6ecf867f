import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArmTask } from '../../constructs/arm-task';
import { scratchVolumeProblems } from '../../lib/config/scratch-volume';
import { TEAM_CONFIG_DIR, teamModel } from '../support/team';

/**
 * The platform suite's image checks: every service of the team's config built from a directory, whatever it holds.
 * The rule is the task definition's: ArmTask mounts its scratch volume at SCRATCH_PATH and runs as DEFAULT_USER.
 */
const model = teamModel();
const root = model.root ?? path.dirname(TEAM_CONFIG_DIR);
const RULE = { path: ArmTask.SCRATCH_PATH, uid: Number(ArmTask.DEFAULT_USER.split(':')[0]) };
const images = model.services.flatMap((s): Array<[string, string]> =>
  'directory' in s.image ? [[s.name, path.resolve(root, s.image.directory)]] : [],
);
const dockerfile = (dir: string) => fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');

// Placeholder row so it.each never runs on an empty table (a team with registry images only).
const rows = images.length > 0 ? images : [['(no directory images)', '']];

describe('the team’s service images', () => {
  // ECS Developer Guide, "Use bind mounts with Amazon ECS": "If the absolute path that's specified in the VOLUME
  // directive is the same as the containerPath that's specified in the task definition, the data in the VOLUME
  // directive path is copied to the data volume"; otherwise the bind mount is root-owned 0755 and uid 1000 cannot
  // write /tmp.
  it.each(rows)('%s: the Dockerfile gives /tmp to uid 1000 before declaring it a VOLUME', (_name, dir) => {
    if (dir === '') return;
    expect(scratchVolumeProblems(dockerfile(dir), RULE)).toEqual([]);
  });

  // Node.js 20 and older reached end of life (20: 2026-04-30).
  it.each(rows)('%s: a Node.js base image is a supported line (22 or later)', (_name, dir) => {
    if (dir === '') return;
    for (const match of dockerfile(dir).matchAll(/^FROM\s+(?:--platform=\S+\s+)?\S*node:(\d+)/gm)) {
      expect(Number(match[1])).toBeGreaterThanOrEqual(22);
    }
  });

  it.each(rows)('%s: npm installs from a committed lock file in sync with package.json', (_name, dir) => {
    if (dir === '' || !/^RUN .*\bnpm\b/m.test(dockerfile(dir))) return;
    expect(dockerfile(dir)).not.toMatch(/^RUN .*npm install/m);
    expect(dockerfile(dir)).toMatch(/^RUN .*npm ci\b/m);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].dependencies ?? {}).toEqual(pkg.dependencies ?? {});
    for (const [name, version] of Object.entries<string>(pkg.dependencies ?? {})) {
      expect(lock.packages[`node_modules/${name}`].version).toBe(version);
    }
  });
});
