import { logBucketName } from '../../naming';
import type { LogBucketKind } from '../../naming';
import type { Problem } from '../problems';
import type { LifecycleConfig } from '../schema/log-archive';
import type { Check } from './context';

const KINDS: readonly LogBucketKind[] = ['cloudtrail', 'config', 'alb'];
const BUCKET_NAME_MAX = 63;
/** S3 keeps an object at least 30 days in Standard-IA before a transition to Glacier. */
const MIN_DAYS_IN_INFREQUENT_ACCESS = 30;

function lifecycleProblems(file: string, kind: LogBucketKind | 'accessLogs', lifecycle: LifecycleConfig): Problem[] {
  const at = `logArchive.${kind}`;
  const { infrequentAccessAfterDays: ia, archiveAfterDays: archive, expireAfterDays: expire } = lifecycle;
  const problems: Problem[] = [];
  if (ia !== undefined && archive !== undefined && archive < ia + MIN_DAYS_IN_INFREQUENT_ACCESS) {
    problems.push({
      file,
      path: `${at}.archiveAfterDays`,
      message: `${archive} is too soon after infrequentAccessAfterDays ${ia} (S3 keeps objects 30 days in Standard-IA; allowed: ${ia + MIN_DAYS_IN_INFREQUENT_ACCESS} or more)`,
    });
  }
  const lastMove = archive ?? ia;
  if (lastMove !== undefined && expire <= lastMove) {
    const field = archive !== undefined ? 'archiveAfterDays' : 'infrequentAccessAfterDays';
    problems.push({
      file,
      path: `${at}.expireAfterDays`,
      message: `${expire} is not after ${field} ${lastMove} (allowed: ${lastMove + 1} or more)`,
    });
  }
  return problems;
}

/** Log bucket names fit S3's 63 characters; lifecycle steps come in an order S3 accepts. */
export const checkLogArchive: Check = {
  needs: ['accounts', 'homeRegion', 'logArchive', 'organization'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const logArchive = platform.accounts.find((a) => a.role === 'log-archive');
    if (logArchive) {
      const longest = KINDS.map((k) =>
        logBucketName(k, platform.organization.name, logArchive.id, platform.homeRegion),
      ).sort((a, b) => b.length - a.length)[0];
      if (longest.length > BUCKET_NAME_MAX) {
        const allowed = platform.organization.name.length - (longest.length - BUCKET_NAME_MAX);
        problems.push({
          file,
          path: 'organization.name',
          message: `"${platform.organization.name}" makes the log bucket name "${longest}" ${longest.length} characters long (S3 allows at most ${BUCKET_NAME_MAX}; use at most ${allowed} characters)`,
        });
      }
    }
    for (const kind of [...KINDS, 'accessLogs'] as const)
      problems.push(...lifecycleProblems(file, kind, platform.logArchive[kind]));
    const lock = platform.logArchive.objectLock;
    if (lock.enabled) {
      // A lifecycle expiry leaves a locked version alone (Amazon S3 User Guide, "Expiring objects": Amazon S3 takes
      // no action on noncurrent object versions that have an S3 Object Lock configuration applied), so a retention
      // longer than a bucket's expiry keeps logs, and their cost, past the expiry the config asks for.
      const shortest = KINDS.map((k) => ({ k, days: platform.logArchive[k].expireAfterDays })).sort(
        (a, b) => a.days - b.days,
      )[0];
      if (lock.retentionDays > shortest.days) {
        problems.push({
          file,
          path: 'logArchive.objectLock.retentionDays',
          message: `${lock.retentionDays} is longer than logArchive.${shortest.k}.expireAfterDays ${shortest.days} (locked versions outlive their expiry; allowed: 1 to ${shortest.days})`,
        });
      }
    }
    return problems;
  },
};
