import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISCOVERED_FILE } from '../naming';
import type { LandfallModel } from './model';
import { describeLoadError, syntaxErrors } from './load-errors';
import { ConfigError } from './problems';
import type { Problem } from './problems';
import type { ConfigSource, ValidateOptions } from './validate';
import { validateConfig } from './validate';

export interface LoadOptions extends ValidateOptions {
  /** Read `discovered.json` when it exists. @default true */
  readonly discovered?: boolean;
}

/** Files of a config directory, named as the user sees them (relative to the working directory). */
export function configFiles(dir: string): { platform: string; services: string[]; discovered: string } {
  const servicesDir = path.join(dir, 'services');
  const services = fs.existsSync(servicesDir)
    ? fs
        .readdirSync(servicesDir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .sort()
        .map((f) => path.join(servicesDir, f))
    : [];
  return { platform: path.join(dir, 'platform.ts'), services, discovered: path.join(dir, DISCOVERED_FILE) };
}

/**
 * Load and validate `DIR/platform.ts` and `DIR/services/*.ts` (each a module whose default export is the
 * definition), with `DIR/discovered.json` (written by `landfall accounts sync`) merged over the platform when it
 * exists (unless `options.discovered` is false). Throws `ConfigError` with every problem, including files that
 * are missing or fail to load. The app and the CLI load through `loadPlatform` (`lib/plan`), which adds the plan's
 * checks.
 */
export function loadConfig(dir = 'config', options: LoadOptions = {}): LandfallModel {
  const files = configFiles(dir);
  const problems: Problem[] = [];
  const read = (file: string): ConfigSource | undefined => {
    const shown = path.relative(process.cwd(), path.resolve(file)) || file;
    if (!fs.existsSync(file)) {
      problems.push({
        file: shown,
        path: '',
        message: 'does not exist (expected a module whose default export is the definition)',
      });
      return undefined;
    }
    // Checked before loading: TypeScript's own transpiler (ts-jest) recovers from syntax errors that tsx rejects,
    // so the parser decides, the same way in synth, the CLI and the tests.
    const syntax = syntaxErrors(file);
    if (syntax.length > 0) {
      for (const message of syntax) problems.push({ file: shown, path: '', message });
      return undefined;
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.resolve(file)) as { default?: unknown };
      if (mod.default === undefined) {
        problems.push({
          file: shown,
          path: '',
          message:
            'has no default export (write `export default definePlatform({...})` or `export default defineService({...})`)',
        });
        return undefined;
      }
      return { file: shown, data: mod.default };
    } catch (err) {
      for (const message of describeLoadError(file, err)) problems.push({ file: shown, path: '', message });
      return undefined;
    }
  };
  const readJson = (file: string): ConfigSource | undefined => {
    if (!fs.existsSync(file)) return undefined;
    const shown = path.relative(process.cwd(), path.resolve(file)) || file;
    try {
      return { file: shown, data: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      problems.push({
        file: shown,
        path: '',
        message: `is not valid JSON: ${reason} (regenerate it with \`landfall accounts sync\`)`,
      });
      return undefined;
    }
  };
  const root = path.dirname(path.resolve(dir));
  const platform = read(files.platform);
  const services = files.services.map(read).filter((s): s is ConfigSource => s !== undefined);
  const unloadedServices = files.services.length - services.length;
  // `accounts sync` loads without it: it regenerates the file, so a stale one must not stop it.
  const discovered = options.discovered === false ? undefined : readJson(files.discovered);
  problems.push(...services.flatMap((s) => imageDirectoryProblems(s, root)));
  if (!platform || problems.length > 0) {
    // Still report schema problems of the files that loaded.
    try {
      if (platform) validateConfig(platform, services, discovered, { ...options, unloadedServices });
    } catch (err) {
      if (err instanceof ConfigError) problems.push(...err.problems);
      else throw err;
    }
    throw new ConfigError(problems);
  }
  const model = validateConfig(platform, services, discovered, options);
  return { ...model, root };
}

/**
 * A service built from a directory needs that directory and its Dockerfile, relative to the repository root (the
 * config directory's parent); without them synth would stop with a stack trace of the asset bundler.
 */
function imageDirectoryProblems(source: ConfigSource, root: string): Problem[] {
  const image = (source.data as { image?: { directory?: unknown } } | undefined)?.image;
  const directory = image?.directory;
  if (typeof directory !== 'string' || directory === '') return [];
  const absolute = path.resolve(root, directory);
  const shownRoot = path.relative(process.cwd(), root) || '.';
  const where = `relative to the repository root ${shownRoot}`;
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    return [
      {
        file: source.file,
        path: 'image.directory',
        message: `"${directory}" is not a directory (${where}; create it with a Dockerfile, or run \`landfall new-service\`)`,
      },
    ];
  }
  if (!fs.existsSync(path.join(absolute, 'Dockerfile'))) {
    return [
      {
        file: source.file,
        path: 'image.directory',
        message: `"${directory}" has no Dockerfile (${where}; the image is built from ${path.join(directory, 'Dockerfile')} for linux/arm64)`,
      },
    ];
  }
  return [];
}
