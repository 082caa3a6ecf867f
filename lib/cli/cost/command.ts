import * as path from 'node:path';
import { formatOption, parseCommandArgs } from '../args';
import { readAssembly } from '../assembly';
import type { Command } from '../command';
import { EXIT } from '../errors';
import { compare } from './compare';
import { estimate } from './estimate';
import { renderComparison, renderEstimate } from './render';

const USAGE = 'landfall cost estimate [--out DIR] [--compare OTHER_CDK_OUT] [--format text|md|json]';

/**
 * `landfall cost estimate`: the monthly cost of the synthesized platform per account, environment and service,
 * from cdk.out and the price table; with `--compare BASE` the change from the base assembly to this one.
 */
export const costEstimateCommand: Command = {
  name: ['cost', 'estimate'],
  summary:
    'estimate the monthly cost of cdk.out per account, environment and service; --compare BASE_CDK_OUT for the change',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      { out: { type: 'string' }, compare: { type: 'string' }, format: { type: 'string' } },
      USAGE,
    );
    const format = formatOption(values.format);
    const current = estimate(readAssembly(path.resolve(io.cwd, values.out ?? 'cdk.out')));
    if (values.compare === undefined) {
      io.out(format === 'json' ? JSON.stringify(current, null, 2) : renderEstimate(current, format as 'text' | 'md'));
      return EXIT.ok;
    }
    const base = estimate(readAssembly(path.resolve(io.cwd, values.compare)));
    const comparison = compare(base, current);
    io.out(
      format === 'json' ? JSON.stringify(comparison, null, 2) : renderComparison(comparison, format as 'text' | 'md'),
    );
    return EXIT.ok;
  },
};
