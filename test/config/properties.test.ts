import fc from 'fast-check';
import { FARGATE_MEMORY_BY_CPU } from '../../lib/config';
import { renderValue } from '../../lib/config/problems';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

/** Properties over generated input: the rules hold for every value, not just the hand-picked ones. */
describe('config rules over generated input', () => {
  it('rejects every account ID that is not exactly 12 digits, naming the value', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }).filter((s) => !/^\d{12}$/.test(s)),
        (id) => {
          const p = referencePlatform();
          p.accounts[3].id = id;
          expect(configErrorOf(p)).toBe(
            `config/platform.ts has 1 problem:\n  * accounts[3].id: ${renderValue(id)} is not a 12-digit AWS account ID`,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts a memory value exactly when the Fargate table allows it with the CPU', () => {
    const cpus = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);
    fc.assert(
      fc.property(fc.constantFrom(...cpus), fc.integer({ min: 1, max: 130 }), (cpu, gib) => {
        const memoryMiB = gib * 512;
        const services = referenceServices();
        Object.assign(services.jobs, { cpu, memoryMiB });
        const allowed = FARGATE_MEMORY_BY_CPU[cpu].includes(memoryMiB);
        if (allowed) expect(() => validate(referencePlatform(), services)).not.toThrow();
        else
          expect(configErrorOf(referencePlatform(), services)).toContain(
            `memoryMiB: ${memoryMiB} is not allowed with cpu ${cpu}`,
          );
      }),
      { numRuns: 300 },
    );
  });

  it('reports each duplicated account email once, at the later account', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }), ([a, b]) => {
        const p = referencePlatform();
        p.accounts[b].email = p.accounts[a].email;
        const [first, later] = a < b ? [a, b] : [b, a];
        expect(configErrorOf(p)).toBe(
          `config/platform.ts has 1 problem:\n  * accounts[${later}].email: ${JSON.stringify(p.accounts[first].email)} is already used by accounts[${first}] (each account needs its own email)`,
        );
      }),
    );
  });
});
