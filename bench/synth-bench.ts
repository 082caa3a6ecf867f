/**
 * Synth benchmark: `npm run bench [-- --sizes 1,10,30,100 --runs 3 --guard --cli]`.
 *
 * Generates configs with N services per environment (3 environments, half web services, half workers, each web
 * service sending to a worker), synthesizes each like `cdk synth` does (the app entry in a child process with the
 * CLI's context and outdir; `--cli` runs `cdk synth` itself), and prints: median wall seconds and CPU seconds of the
 * runs, peak memory of the child (from `/usr/bin/time -v`), stacks, resources, the most resources in one stack, the
 * largest template and the dependency waves of each environment (from the assembly manifest: the longest chain of
 * stack `dependencies`, what `cdk deploy '<env>/*'` must wait for). Not part of `npm test`: timings depend on the
 * machine (CPU seconds are steadier than wall time when the machine is busy).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assemblyWaves } from './assembly-waves';

const ROOT = path.resolve(__dirname, '..');
/** The reference fixture of the product tests: its platform and its service images (never the team's `config/`). */
const REFERENCE = path.join(ROOT, 'test', 'fixtures', 'reference');
/** Environments whose dependency waves are counted (the reference platform's). */
const ENVIRONMENTS = ['dev', 'stg', 'prod'];
const WORK = path.join(ROOT, '.bench');
const TARGETS = {
  servicesAt: 30,
  seconds: 10,
  peakMiB: 1536,
  resourcesPerStack: 400,
  templateBytes: 800 * 1024,
  /** Waves per environment at every size: [Baseline, Network] -> [Platform, RegionalBaseline] -> [services, Observability]. */
  waves: 3,
};

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly guard: boolean;
  /** Run `cdk synth` (CLI and `npx tsx` startup included) instead of the app process alone. */
  readonly cli: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  return {
    sizes: (value('--sizes') ?? '1,10,30,100').split(',').map(Number),
    runs: Number(value('--runs') ?? '3'),
    guard: argv.includes('--guard'),
    cli: argv.includes('--cli'),
  };
}

/** A config directory with the reference platform and `count` generated services. */
function generateConfig(count: number): string {
  const dir = path.join(WORK, `config-${count}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'services'), { recursive: true });
  // The reference platform (accounts, three environments with their tiers and domains), as the app sees it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require(path.join(REFERENCE, 'config', 'platform.ts')).default;
  // Absolute image directories: the app resolves relative ones against the config directory's parent (`.bench`).
  const image = (service: string) => ({ directory: path.join(REFERENCE, 'services', service) });
  fs.writeFileSync(path.join(dir, 'platform.ts'), `export default ${JSON.stringify(platform, null, 2)};\n`);
  const workers = Math.floor(count / 2);
  const webs = count - workers;
  const pad = (i: number) => String(i).padStart(3, '0');
  for (let i = 0; i < webs; i++) {
    const name = `web-${pad(i)}`;
    const service = {
      name,
      kind: 'web',
      image: image('api'),
      cpu: 512,
      memoryMiB: 1024,
      healthCheckPath: '/healthz',
      paths: i === 0 ? ['/*'] : [`/${name}/*`],
      ...(workers > 0 ? { sendsTo: [`worker-${pad(i % workers)}`] } : {}),
      secrets: { API_TOKEN: `acme/${name}/token` },
    };
    fs.writeFileSync(path.join(dir, 'services', `${name}.ts`), `export default ${JSON.stringify(service, null, 2)};\n`);
  }
  for (let i = 0; i < workers; i++) {
    const name = `worker-${pad(i)}`;
    const service = {
      name,
      kind: 'worker',
      image: image('jobs'),
      cpu: 256,
      memoryMiB: 512,
      maxProcessingSeconds: 60,
    };
    fs.writeFileSync(path.join(dir, 'services', `${name}.ts`), `export default ${JSON.stringify(service, null, 2)};\n`);
  }
  return dir;
}

interface Run {
  readonly seconds: number;
  /** User + system CPU seconds of the child: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number | undefined;
  readonly peakMiB: number | undefined;
}

const haveGnuTime = fs.existsSync('/usr/bin/time');

/** One synth in a child process, the way the CDK CLI runs the app: context and outdir through the environment. */
function synthOnce(configDir: string, outdir: string, options: Options): Run {
  fs.rmSync(outdir, { recursive: true, force: true });
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const config = path.relative(ROOT, configDir);
  const context = { ...cdkJson.context, 'landfall:config': config, 'landfall:guard': String(options.guard) };
  const app = options.cli
    ? [
        path.join(ROOT, 'node_modules', '.bin', 'cdk'),
        'synth',
        '--quiet',
        '-c',
        `landfall:config=${config}`,
        '-c',
        `landfall:guard=${options.guard}`,
        '-o',
        outdir,
      ]
    : [path.join(ROOT, 'node_modules', '.bin', 'tsx'), path.join(ROOT, 'bin', 'landfall.ts')];
  const [command, args] = haveGnuTime ? ['/usr/bin/time', ['-v', ...app]] : [app[0], app.slice(1)];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: options.cli ? process.env : { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(
      `synth of ${configDir} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.slice(0, 4000),
    );
  }
  const stderr = result.stderr ?? '';
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    seconds,
    cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : undefined,
    peakMiB: rss ? Number(rss[1]) / 1024 : undefined,
  };
}

interface Shape {
  readonly stacks: number;
  readonly resources: number;
  readonly maxResources: number;
  readonly maxResourcesStack: string;
  readonly maxBytes: number;
  readonly maxBytesStack: string;
}

/** Stacks, resources and template sizes of a cloud assembly (nested stage assemblies included). */
function assemblyShape(outdir: string): Shape {
  const templates: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.template.json')) templates.push(full);
    }
  };
  walk(outdir);
  let shape: Shape = {
    stacks: 0,
    resources: 0,
    maxResources: 0,
    maxResourcesStack: '',
    maxBytes: 0,
    maxBytesStack: '',
  };
  for (const file of templates) {
    const bytes = fs.statSync(file).size;
    const count = Object.keys(
      (JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: object }).Resources ?? {},
    ).length;
    const name = path.basename(file, '.template.json');
    shape = {
      stacks: shape.stacks + 1,
      resources: shape.resources + count,
      maxResources: Math.max(shape.maxResources, count),
      maxResourcesStack: count > shape.maxResources ? name : shape.maxResourcesStack,
      maxBytes: Math.max(shape.maxBytes, bytes),
      maxBytesStack: bytes > shape.maxBytes ? name : shape.maxBytesStack,
    };
  }
  return shape;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(WORK, { recursive: true });
  console.log(
    `landfall synth benchmark: 3 environments, N services each (half web, half workers); median of ${options.runs} runs; ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}` +
      `${options.guard ? ', cfn-guard on' : ''}${options.cli ? ', through `cdk synth`' : ', app process as `cdk synth` runs it'}`,
  );
  if (!haveGnuTime) console.log('(no /usr/bin/time: peak memory not measured)');
  const rows: string[][] = [];
  const flags: string[] = [];
  for (const size of options.sizes) {
    const configDir = generateConfig(size);
    const outdir = path.join(WORK, `out-${size}`);
    const runs = Array.from({ length: options.runs }, () => synthOnce(configDir, outdir, options));
    const shape = assemblyShape(outdir);
    const waves = assemblyWaves(outdir);
    const waveCounts = ENVIRONMENTS.map((env) => waves.get(env)?.length ?? 0);
    const seconds = median(runs.map((r) => r.seconds));
    const cpus = runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== undefined);
    const peaks = runs.map((r) => r.peakMiB).filter((p): p is number => p !== undefined);
    const peak = peaks.length > 0 ? Math.max(...peaks) : undefined;
    rows.push([
      `3 x ${size}`,
      seconds.toFixed(2),
      cpus.length > 0 ? median(cpus).toFixed(2) : 'n/a',
      peak === undefined ? 'n/a' : peak.toFixed(0),
      String(shape.stacks),
      String(shape.resources),
      `${shape.maxResources} (${shape.maxResourcesStack})`,
      `${(shape.maxBytes / 1024).toFixed(1)} KB (${shape.maxBytesStack})`,
      ENVIRONMENTS.map((env, i) => `${env} ${waveCounts[i]}`).join(', '),
    ]);
    ENVIRONMENTS.forEach((env, i) => {
      if (waveCounts[i] > TARGETS.waves)
        flags.push(
          `3 x ${size}: ${env} deploys in ${waveCounts[i]} dependency waves (target: at most ${TARGETS.waves}): ${(
            waves.get(env) ?? []
          )
            .map((w) => (w.length <= 4 ? `[${w.join(', ')}]` : `[${w.length} stacks]`))
            .join(' -> ')}`,
        );
    });
    if (size === TARGETS.servicesAt && seconds > TARGETS.seconds)
      flags.push(`3 x ${size}: ${seconds.toFixed(2)} s is over the ${TARGETS.seconds} s target`);
    if (size === TARGETS.servicesAt && peak !== undefined && peak > TARGETS.peakMiB)
      flags.push(`3 x ${size}: peak ${peak.toFixed(0)} MiB is over the ${TARGETS.peakMiB} MiB target`);
    if (shape.maxResources > TARGETS.resourcesPerStack)
      flags.push(
        `3 x ${size}: ${shape.maxResourcesStack} has ${shape.maxResources} resources (target: at most ${TARGETS.resourcesPerStack})`,
      );
    if (shape.maxBytes > TARGETS.templateBytes)
      flags.push(
        `3 x ${size}: ${shape.maxBytesStack} is ${(shape.maxBytes / 1024).toFixed(0)} KB (target: at most 800 KB)`,
      );
  }
  printTable(
    [
      'services',
      'synth s (median)',
      'CPU s (median)',
      'peak MiB',
      'stacks',
      'resources',
      'most resources in a stack',
      'largest template',
      'dependency waves',
    ],
    rows,
  );
  console.log(
    flags.length === 0
      ? '\nAll targets met (3 x 30 in <= 10 s and <= 1.5 GB; no stack over 400 resources or 800 KB; at most 3 waves).'
      : `\nTargets missed:\n${flags.map((f) => `  * ${f}`).join('\n')}`,
  );
}

function printTable(header: readonly string[], rows: readonly string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(['', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

main();
