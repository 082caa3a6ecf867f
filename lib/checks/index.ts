export { acknowledge, findingId } from '../../constructs/acknowledge';
export { applyChecks, guardPlugin, nagPacks } from './packs';
export type { ChecksOptions } from './packs';
