import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArmTask } from '../../constructs/arm-task';
import { serviceAppFiles } from '../../lib/cli/new-service/templates';
import { scratchVolumeProblems } from '../../lib/config/scratch-volume';
import { REFERENCE_ROOT, REPO_ROOT } from '../support/example';

/**
 * The images landfall ships: the reference fixture's and what `landfall new-service` writes (the team's own images
 * are checked by the platform suite, test/platform/images.test.ts). The scratch rule is the task definition's: ArmTask mounts its bind-mount volume at SCRATCH_PATH and runs
 * as DEFAULT_USER.
 */
const RULE = { path: ArmTask.SCRATCH_PATH, uid: Number(ArmTask.DEFAULT_USER.split(':')[0]) };

const serviceDirs = (root: string) =>
  fs
    .readdirSync(path.join(root, 'services'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'services', d.name, 'Dockerfile')))
    .map((d) => path.join(root, 'services', d.name));

const template = (kind: 'web' | 'worker', sendsTo: string[] = []) =>
  serviceAppFiles({ name: 'billing', kind, sendsTo, configImport: '../../lib/config' });

const dockerfiles: Array<[string, string]> = [
  ...serviceDirs(REFERENCE_ROOT).map((dir): [string, string] => [
    path.relative(REPO_ROOT, path.join(dir, 'Dockerfile')),
    fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
  ]),
  ['new-service web template', template('web').Dockerfile],
  ['new-service worker template', template('worker').Dockerfile],
];

describe('service images', () => {
  it('covers both fixture services (the team’s own images: test/platform/images.test.ts)', () => {
    expect(dockerfiles.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'test/fixtures/reference/services/api/Dockerfile',
        'test/fixtures/reference/services/jobs/Dockerfile',
      ]),
    );
  });

  // ECS Developer Guide, "Use bind mounts with Amazon ECS": "If the absolute path that's specified in the VOLUME
  // directive is the same as the containerPath that's specified in the task definition, the data in the VOLUME
  // directive path is copied to the data volume"; without it the bind mount is root-owned 0755.
  it.each(dockerfiles)('%s gives /tmp to uid 1000 before declaring it a VOLUME', (_name, text) => {
    expect(scratchVolumeProblems(text, RULE)).toEqual([]);
  });

  // Node.js 20 reached end of life on 2026-04-30; 24 is LTS until April 2028.
  it.each(dockerfiles)('%s runs on the Node.js 24 LTS image', (_name, text) => {
    expect(text).toMatch(/^FROM (--platform=linux\/arm64 )?public\.ecr\.aws\/docker\/library\/node:24-alpine$/m);
  });

  const installing = dockerfiles.filter(([, text]) => /\bnpm\b/.test(text));
  it.each(installing)('%s installs from the lock file with npm ci, never npm install', (_name, text) => {
    expect(text).toContain('COPY package.json package-lock.json ./');
    expect(text).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(text).not.toMatch(/^RUN .*npm install/m);
  });

  it.each([
    ['web', [] as string[]],
    ['worker', [] as string[]],
    ['web', ['jobs']],
  ] as const)('new-service (%s, sends to %j) writes a lock file matching its package.json', (kind, sendsTo) => {
    const files = template(kind, [...sendsTo]);
    const pkg = JSON.parse(files['package.json']);
    const lock = JSON.parse(files['package-lock.json']);
    expect(lock.packages['']).toEqual({
      name: 'billing',
      ...(Object.keys(pkg.dependencies).length > 0 ? { dependencies: pkg.dependencies } : {}),
      engines: pkg.engines,
    });
    for (const [name, version] of Object.entries<string>(pkg.dependencies)) {
      expect(lock.packages[`node_modules/${name}`].version).toBe(version);
    }
  });
});

describe('scratch volume rule', () => {
  const check = (text: string) => scratchVolumeProblems(text, RULE);

  it('rejects an image that does not declare /tmp a VOLUME, the way every image did', () => {
    expect(check('FROM node:24-alpine\nUSER node\nCMD ["node", "server.js"]\n')).toEqual([
      'declares no VOLUME /tmp in its final stage: ECS then mounts an empty /tmp owned by root with mode 0755, which ' +
        'uid 1000 cannot write (add RUN chown 1000:1000 /tmp && chmod 1777 /tmp, then VOLUME ["/tmp"])',
    ]);
  });

  it('rejects VOLUME /tmp with no owner or mode the container user can write', () => {
    expect(check('FROM node:24-alpine\nRUN chown root /tmp\nVOLUME /tmp\n')).toEqual([
      "declares VOLUME /tmp without making it writable for uid 1000 first: ECS copies the image's /tmp with its owner " +
        'and mode (add RUN chown 1000:1000 /tmp && chmod 1777 /tmp, then VOLUME ["/tmp"])',
    ]);
  });

  // Docker: "If any build steps change the data within the volume after it has been declared, those changes will be
  // discarded."
  it('rejects a chown after the VOLUME instruction, which Docker discards', () => {
    expect(check('FROM node:24-alpine\nVOLUME ["/tmp"]\nRUN chown 1000:1000 /tmp\n')).toEqual([
      'changes the owner or mode of /tmp after VOLUME /tmp, and Docker discards changes to a volume path made after ' +
        'its VOLUME instruction (move the RUN before it: RUN chown 1000:1000 /tmp && chmod 1777 /tmp, then VOLUME ' +
        '["/tmp"])',
    ]);
  });

  it('looks at the final stage only', () => {
    const text = 'FROM node:24-alpine AS build\nRUN chmod 1777 /tmp\nVOLUME /tmp\nFROM node:24-alpine\nUSER node\n';
    expect(check(text)).toHaveLength(1);
  });

  it.each([
    'RUN chown 1000:1000 /tmp',
    'RUN chown -R 1000 /tmp/',
    'RUN chmod 1777 /tmp',
    'RUN apk add --no-cache curl && \\\n    chmod a+w /tmp',
    'RUN install -d -o 1000 -g 1000 -m 0700 /tmp',
  ])('accepts %j before VOLUME /tmp', (run) => {
    expect(check(`FROM node:24-alpine\n${run}\nVOLUME /tmp\n`)).toEqual([]);
  });
});
