import * as fs from 'node:fs';
import * as path from 'node:path';
import { outdatedDocs, regenerate, REPO_ROOT, ROLLOUT_DOCS, rolloutSection } from '../../scripts/docs-rollout';

/** The section between the rollout markers of a document. */
const sectionOf = (text: string) =>
  text.slice(text.indexOf('<!-- rollout:begin'), text.indexOf('<!-- rollout:end -->'));
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('one rollout order everywhere', () => {
  it('README.md, docs/organization.md and docs/cli.md show the order generated from the plan (npm run docs:rollout)', () => {
    expect(outdatedDocs()).toEqual([]);
  });

  it('notices a document whose order differs from the plan', () => {
    const readme = read('README.md');
    const lines = readme.split('\n');
    const a = lines.findIndex((l) => l.includes('(`deploy-org-organization`)'));
    const b = lines.findIndex((l) => l.includes('(`accounts-sync-members`)'));
    expect(a).toBeGreaterThan(0);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    const swapped = lines.join('\n');
    expect(regenerate('README.md', swapped)).not.toBe(swapped);
    expect(regenerate('README.md', swapped)).toBe(readme);
  });

  it('refuses a document without its rollout section', () => {
    expect(() => regenerate('docs/cli.md', '# The landfall CLI\n')).toThrow(
      'docs/cli.md: no "<!-- rollout:begin summary|table -->" ... "<!-- rollout:end -->" section',
    );
  });

  it('gives the README and docs/cli.md the phase summary and docs/organization.md every step', () => {
    expect(sectionOf(read('README.md'))).toContain(rolloutSection('summary'));
    expect(sectionOf(read('docs/cli.md'))).toContain(rolloutSection('summary'));
    expect(sectionOf(read('docs/organization.md'))).toContain(rolloutSection('table'));
    expect(ROLLOUT_DOCS).toEqual(['README.md', 'docs/organization.md', 'docs/cli.md']);
  });

  it('tells no other order outside the generated sections', () => {
    // The orders the field review found: Org/* before the log buckets, LogArchive and Security in one deploy.
    for (const file of [...ROLLOUT_DOCS, 'docs/environments.md']) {
      const text = read(file);
      expect([file, /cdk deploy 'LogArchive\/\*' 'Security\/\*'|deploy `LogArchive\/\*` first/.test(text)]).toEqual([
        file,
        false,
      ]);
    }
  });
});
