import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../config';
import { loadPlatform } from '../../plan/load';
import { kebabName } from '../../config/fields';
import { defineCommand, list, value } from '../command';
import { loadModel } from '../config-option';
import { CliError, EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, JSON_ALIAS_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { serviceAppFiles, serviceConfigFile } from './templates';
import type { ServiceKind } from './templates';

const KINDS = ['web', 'worker'] as const satisfies readonly ServiceKind[];

/** The name, checked with the same rule the config schema applies to service names. */
export function serviceNameArg(name: string): string {
  const result = kebabName.safeParse(name);
  if (!result.success)
    throw new UsageError(`"${name}" is not a valid service name: it ${result.error.issues[0].message}`);
  return name;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/**
 * `landfall new-service NAME --kind web|worker`: write `config/services/NAME.ts` and `services/NAME/` (Dockerfile
 * and a minimal ARM-ready app), then load the config to prove it is valid. Refuses taken or invalid names and
 * unknown workers before writing anything; if the result does not validate, removes what it wrote.
 */
export const newServiceCommand = defineCommand({
  name: ['new-service'],
  summary: 'add a web service or queue worker: config/services/NAME.ts and services/NAME/ (Dockerfile, app)',
  description:
    'Writes config/services/NAME.ts with defaults (0.25 vCPU, 512 MiB; a web service on port 8080 with /healthz, a worker with a dead-letter queue) and services/NAME/ (a Dockerfile and a minimal ARM-ready app), then loads the config to prove it validates. Refuses a taken or invalid name and an unknown --sends-to worker before writing anything; removes what it wrote if the result does not validate.',
  arguments: [
    { name: 'name', description: 'the service name: lower-kebab-case, 3-30 characters, starting with a letter' },
  ],
  options: {
    kind: value({
      placeholder: 'KIND',
      choices: KINDS,
      required: true,
      description: 'web (behind the load balancer) or worker (an SQS queue consumer)',
    }),
    sendsTo: list({
      placeholder: 'WORKER',
      description: 'a worker this service sends messages to (repeat for several)',
    }),
    format: RESULT_FORMAT_OPTION,
    json: JSON_ALIAS_OPTION,
    config: CONFIG_OPTION,
  },
  examples: ['landfall new-service billing --kind web --sends-to jobs', 'landfall new-service mailer --kind worker'],
  async run({ args, options }, io) {
    const name = serviceNameArg(args.name);
    const kind = options.kind;
    const { model, dir: configDir } = loadModel(io, options.config);
    const root = path.dirname(configDir);
    const shown = (p: string) => posix(path.relative(io.cwd, p) || p);

    const configFile = path.join(configDir, 'services', `${name}.ts`);
    const appDir = path.join(root, 'services', name);
    const existing = model.services.find((s) => s.name === name);
    const taken = existing
      ? `the ${existing.kind} service "${name}" exists`
      : fs.existsSync(configFile)
        ? `${shown(configFile)} exists`
        : fs.existsSync(appDir)
          ? `${shown(appDir)} exists`
          : undefined;
    if (taken)
      throw new CliError(
        `service name "${name}" is taken: ${taken}`,
        EXIT.precondition,
        'choose another name; nothing was written',
      );

    const workers = model.services.filter((s) => s.kind === 'worker').map((s) => s.name);
    const sendsTo = [...new Set(options.sendsTo)];
    for (const target of sendsTo) {
      if (!workers.includes(target)) {
        throw new UsageError(
          `--sends-to "${target}" is not a worker service (allowed: ${workers.join(', ') || 'none: add a service with --kind worker first'})`,
        );
      }
    }

    const input = {
      name,
      kind,
      sendsTo,
      configImport: posix(path.relative(path.dirname(configFile), path.join(root, 'lib', 'config'))),
    };
    const files: Array<[string, string]> = [
      [configFile, serviceConfigFile(input)],
      ...Object.entries(serviceAppFiles(input)).map(([rel, text]): [string, string] => [path.join(appDir, rel), text]),
    ];
    const written: string[] = [];
    const rollBack = () => {
      fs.rmSync(appDir, { recursive: true, force: true });
      fs.rmSync(configFile, { force: true });
    };
    try {
      for (const [file, text] of files) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text, { flag: 'wx' });
        written.push(file);
      }
      loadPlatform(configDir);
    } catch (err) {
      rollBack();
      if (err instanceof ConfigError) {
        io.err(err.message);
        throw new CliError(
          `the generated service "${name}" does not validate (listed above); nothing was kept`,
          EXIT.problems,
        );
      }
      throw err;
    }

    if (options.format === 'json') {
      io.out(JSON.stringify({ service: name, kind, sendsTo, files: written.map(shown) }, null, 2));
      return EXIT.ok;
    }
    io.out(
      [
        `Created the ${kind} service "${name}"${sendsTo.length > 0 ? ` (sends to ${sendsTo.join(', ')})` : ''}; the config validates:`,
        ...written.map((f) => `  ${shown(f)}`),
        '',
        'Next: `npx cdk synth --quiet` (it deploys to every environment), then commit the files.',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});
