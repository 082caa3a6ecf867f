import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../../config';
import { loadPlatform } from '../../plan/load';
import { kebabName } from '../../config/fields';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { CONFIG_OPTION, loadModel } from '../config-option';
import { CliError, EXIT, UsageError } from '../errors';
import { serviceAppFiles, serviceConfigFile } from './templates';
import type { ServiceKind } from './templates';

const USAGE = 'landfall new-service NAME --kind web|worker [--sends-to WORKER]... [--json] [--config DIR]';
const KINDS: readonly ServiceKind[] = ['web', 'worker'];

/** The name, checked with the same rule the config schema applies to service names. */
export function serviceNameArg(name: string | undefined): string {
  if (name === undefined) throw new UsageError('missing the service name', `usage: ${USAGE}`);
  const result = kebabName.safeParse(name);
  if (!result.success)
    throw new UsageError(`"${name}" is not a valid service name: it ${result.error.issues[0].message}`);
  return name;
}

function kindArg(kind: string | undefined): ServiceKind {
  if (kind === undefined) throw new UsageError(`--kind is required (allowed: ${KINDS.join(', ')})`, `usage: ${USAGE}`);
  if (!KINDS.includes(kind as ServiceKind))
    throw new UsageError(`--kind "${kind}" is not allowed (allowed: ${KINDS.join(', ')})`);
  return kind as ServiceKind;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/**
 * `landfall new-service NAME --kind web|worker`: write `config/services/NAME.ts` and `services/NAME/` (Dockerfile
 * and a minimal ARM-ready app), then load the config to prove it is valid. Refuses taken or invalid names and
 * unknown workers before writing anything; if the result does not validate, removes what it wrote.
 */
export const newServiceCommand: Command = {
  name: ['new-service'],
  summary: 'add a web service or queue worker: config/services/NAME.ts and services/NAME/ (Dockerfile, app)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ...CONFIG_OPTION,
        kind: { type: 'string' },
        'sends-to': { type: 'string', multiple: true },
        json: { type: 'boolean' },
      },
      USAGE,
    );
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, `usage: ${USAGE}`);
    const name = serviceNameArg(positionals[0]);
    const kind = kindArg(values.kind);
    const { model, dir: configDir } = loadModel(io, values.config);
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
    const sendsTo = [...new Set(values['sends-to'] ?? [])];
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

    if (values.json) {
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
};
