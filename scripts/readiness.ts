/**
 * Deploy-readiness gates over a synthesized cloud assembly (lib/checks/readiness): imports against the exports of
 * dependencies, physical names unique in their AWS scope, per-account singletons, referenced buckets, and every
 * cross-account writer simulated with the IAM policy simulator; with `--compare`, export stability against the
 * assembly deployed before the change. Lists the external inputs (prerequisites) too.
 *
 * Usage: tsx scripts/readiness.ts [CDK_OUT] [--compare BEFORE_CDK_OUT] [--format text|md] [--config DIR]
 *   CDK_OUT   the assembly to check (default cdk.out)
 *   --compare the assembly of the deployed platform (for example main's synth): exports it imports must stay
 *   --config  the landfall config the assembly was synthesized from (default config/, when it exists): account
 *             names for the external inputs, the organization ID for the writers' conditions
 * Exit codes: 0 no problem, 1 problems, 2 usage error, 4 an assembly or the config cannot be read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Assembly } from '../lib/checks/readiness';
import { assemblyFrom, checkReadiness, formatMarkdown, formatText } from '../lib/checks/readiness';
import { loadConfig } from '../lib/config';
import { rolloutPlan } from '../lib/plan/rollout';
import { simulatePolicies } from './readiness-simulator';

/** Read a cloud assembly directory (manifest.json, nested stage assemblies, templates). */
export function loadAssembly(dir: string): Assembly {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new ReadinessError(
      `no cloud assembly at ${dir} (manifest.json is missing): run \`npx cdk synth --quiet\` first`,
      4,
    );
  }
  return assemblyFrom((file) => {
    const full = path.join(dir, ...file.split('/'));
    try {
      return JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch (err) {
      throw new ReadinessError(
        `cannot read ${full}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
        4,
      );
    }
  });
}

class ReadinessError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface Args {
  readonly assembly: string;
  readonly compare?: string;
  readonly format: 'text' | 'md';
  readonly config?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (!['--compare', '--format', '--config'].includes(flag)) {
      throw new ReadinessError(`unknown option ${flag} (allowed: --compare, --format, --config)`, 2);
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ReadinessError(`${flag} needs a value`, 2);
    flags[flag.slice(2)] = value;
  }
  if (positional.length > 1)
    throw new ReadinessError(`expected one assembly directory, got ${positional.join(' ')}`, 2);
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'md')
    throw new ReadinessError(`--format ${format} is not allowed (allowed: text, md)`, 2);
  return {
    assembly: positional[0] ?? 'cdk.out',
    format,
    ...(flags.compare === undefined ? {} : { compare: flags.compare }),
    ...(flags.config === undefined ? {} : { config: flags.config }),
  };
}

/** Account names, the organization ID and the rollout plan's steps from the config, when there is one. */
function fromConfig(dir: string | undefined): {
  accountNames?: Record<string, string>;
  organizationId?: string;
  plannedSteps?: ReturnType<typeof rolloutPlan>['steps'];
} {
  const configDir = dir ?? 'config';
  if (dir === undefined && !fs.existsSync(path.join(configDir, 'platform.ts'))) return {};
  try {
    const model = loadConfig(configDir);
    return {
      accountNames: Object.fromEntries(model.platform.accounts.map((a) => [a.id, a.name])),
      organizationId: model.platform.organization.id,
      plannedSteps: rolloutPlan(model).steps,
    };
  } catch (err) {
    // A ConfigError lists every problem, one per line, as `landfall validate` prints them.
    throw new ReadinessError(
      `cannot load the config in ${configDir}: ${err instanceof Error ? err.message : String(err)}`,
      4,
    );
  }
}

/** Run the gates; returns the exit code and writes the report to `out`. */
export async function main(
  argv: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  try {
    const args = parseArgs(argv);
    const assembly = loadAssembly(args.assembly);
    const report = await checkReadiness(assembly, {
      simulate: simulatePolicies,
      ...fromConfig(args.config),
      ...(args.compare === undefined ? {} : { before: loadAssembly(args.compare) }),
    });
    out(args.format === 'md' ? formatMarkdown(report) : formatText(report));
    return report.problems.length > 0 ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ReadinessError)) throw e;
    err(`landfall readiness: ${e.message}`);
    return e.exitCode;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), console.log, console.error).then((code) => process.exit(code));
}
