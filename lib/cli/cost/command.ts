import * as path from 'node:path';
import { readAssembly } from '../assembly';
import { defineCommand, value } from '../command';
import { EXIT } from '../errors';
import { OUT_OPTION, REPORT_FORMAT_OPTION } from '../options';
import { compare } from './compare';
import { estimate } from './estimate';
import { renderComparison, renderEstimate } from './render';

/**
 * `landfall cost estimate`: the monthly cost of the synthesized platform per account, environment and service,
 * from cdk.out and the price table; with `--compare BASE` the change from the base assembly to this one.
 */
export const costEstimateCommand = defineCommand({
  name: ['cost', 'estimate'],
  summary:
    'estimate the monthly cost of cdk.out per account, environment and service; --compare BASE_CDK_OUT for the change',
  description:
    "Reads the synthesized templates in cdk.out (no AWS access) and prices every resource landfall synthesizes with the dated price table in lib/cli/cost/prices.json: the idle cost (minimum tasks, scheduled scale-down) and the cost at maximum scale, per account, environment and service. With --compare BASE_CDK_OUT, the change from the base assembly (a pull request's base commit) to this one. Resources the table cannot price are listed, never silently counted as free.",
  options: {
    out: OUT_OPTION,
    compare: value({
      placeholder: 'BASE_CDK_OUT',
      description: "the base commit's cloud assembly: print what the change from it costs",
    }),
    format: REPORT_FORMAT_OPTION,
  },
  examples: [
    'landfall cost estimate',
    'landfall cost estimate --compare ../base.out --format md >> "$GITHUB_STEP_SUMMARY"',
  ],
  async run({ options }, io) {
    const current = estimate(readAssembly(path.resolve(io.cwd, options.out)));
    if (options.compare === undefined) {
      io.out(
        options.format === 'json'
          ? JSON.stringify(current, null, 2)
          : renderEstimate(current, options.format as 'text' | 'md'),
      );
      return EXIT.ok;
    }
    const base = estimate(readAssembly(path.resolve(io.cwd, options.compare)));
    const comparison = compare(base, current);
    io.out(
      options.format === 'json'
        ? JSON.stringify(comparison, null, 2)
        : renderComparison(comparison, options.format as 'text' | 'md'),
    );
    return EXIT.ok;
  },
});
