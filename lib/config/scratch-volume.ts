/**
 * Whether a Dockerfile gives the task's scratch volume an owner the container can write as.
 *
 * landfall's tasks have a read-only root filesystem and a bind-mount volume at /tmp, and run as uid 1000. The ECS
 * Developer Guide, "Use bind mounts with Amazon ECS": "To expose files from a Dockerfile to a data volume when a task
 * is run, the Amazon ECS data plane looks for a VOLUME directive. If the absolute path that's specified in the VOLUME
 * directive is the same as the containerPath that's specified in the task definition, the data in the VOLUME
 * directive path is copied to the data volume"; otherwise the volume's permissions default to 0755 owned by root,
 * which uid 1000 cannot write. Docker discards changes a build step makes to a volume path after its VOLUME
 * instruction, so the owner or mode must be set before it.
 */

/** The scratch mount of the task definition and the user the container runs as. */
export interface ScratchRule {
  /** Container path of the scratch volume (the task definition's mount point). */
  readonly path: string;
  /** Numeric uid the container runs as. */
  readonly uid: number;
}

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Instructions of a Dockerfile: comments dropped, continuation lines joined. */
function instructions(dockerfile: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of dockerfile.split(/\r?\n/)) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') logical.push(current.trim());
    current = '';
  }
  if (current.trim() !== '') logical.push(current.trim());
  return logical.map((l) => {
    const match = /^(\S+)\s*(.*)$/.exec(l);
    return { keyword: (match?.[1] ?? '').toUpperCase(), args: match?.[2] ?? '' };
  });
}

/** Paths of a VOLUME instruction: `["/a", "/b"]` or `/a /b`. */
function volumePaths(args: string): string[] {
  const text = args.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      return [];
    }
  }
  return text.split(/\s+/).filter((p) => p !== '');
}

const normalize = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Whether a RUN instruction makes `path` writable for `uid`: chown to the uid, or a world-writable chmod. */
function makesWritable(run: string, rule: ScratchRule): boolean {
  return run
    .split(/&&|;|\|\|/)
    .map((c) => c.trim().split(/\s+/))
    .some((words) => {
      const [command, ...rest] = words;
      const operands = rest.filter((w) => !w.startsWith('-'));
      if (!operands.slice(1).map(normalize).includes(normalize(rule.path))) return false;
      const spec = operands[0] ?? '';
      if (command === 'chown') return new RegExp(`^${rule.uid}(:\\S*)?$`).test(spec);
      if (command === 'chmod') return /^0?[0-7]?[0-7]{2}[2367]$/.test(spec) || /^[ao]*\+[rwxt]*w/.test(spec);
      if (command === 'install' || command === 'mkdir') {
        const owner = rest.join(' ').match(/-o\s+(\S+)|--owner[= ](\S+)/);
        const mode = rest.join(' ').match(/-m\s+(\S+)|--mode[= ](\S+)/);
        const ownerOk = owner !== null && (owner[1] ?? owner[2]) === String(rule.uid);
        const modeOk = mode !== null && /^0?[0-7]?[0-7]{2}[2367]$/.test(mode[1] ?? mode[2] ?? '');
        return ownerOk || modeOk;
      }
      return false;
    });
}

/**
 * What keeps uid `rule.uid` from writing `rule.path` in a container of this image, as sentences (empty when the
 * final stage declares `VOLUME rule.path` after a RUN that chowns it to the uid or makes it world-writable).
 */
export function scratchVolumeProblems(dockerfile: string, rule: ScratchRule): string[] {
  const all = instructions(dockerfile);
  const lastFrom = all.map((i) => i.keyword).lastIndexOf('FROM');
  const stage = all.slice(lastFrom + 1);
  const volumeAt = stage.findIndex(
    (i) => i.keyword === 'VOLUME' && volumePaths(i.args).map(normalize).includes(normalize(rule.path)),
  );
  const fix = `RUN chown ${rule.uid}:${rule.uid} ${rule.path} && chmod 1777 ${rule.path}, then VOLUME ["${rule.path}"]`;
  if (volumeAt < 0) {
    return [
      `declares no VOLUME ${rule.path} in its final stage: ECS then mounts an empty ${rule.path} owned by root with ` +
        `mode 0755, which uid ${rule.uid} cannot write (add ${fix})`,
    ];
  }
  const runs = (from: number, to: number) =>
    stage.slice(from, to).filter((i) => i.keyword === 'RUN' && makesWritable(i.args, rule));
  if (runs(0, volumeAt).length > 0) return [];
  if (runs(volumeAt + 1, stage.length).length > 0) {
    return [
      `changes the owner or mode of ${rule.path} after VOLUME ${rule.path}, and Docker discards changes to a volume ` +
        `path made after its VOLUME instruction (move the RUN before it: ${fix})`,
    ];
  }
  return [
    `declares VOLUME ${rule.path} without making it writable for uid ${rule.uid} first: ECS copies the image's ` +
      `${rule.path} with its owner and mode (add ${fix})`,
  ];
}
