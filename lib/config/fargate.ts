/**
 * Valid Fargate task sizes (Linux), as AWS documents them: CPU units to the memory values (MiB) allowed with them.
 * 8 and 16 vCPU need platform version 1.4.0 or later, which is the default.
 */
const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

export const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

export const FARGATE_CPU_VALUES = Object.keys(FARGATE_MEMORY_BY_CPU).map(Number);

/** Describe the allowed memory for a CPU value compactly: "512, 1024, 2048" or "2048-8192 in steps of 1024". */
export function describeAllowedMemory(cpu: number): string {
  const values = FARGATE_MEMORY_BY_CPU[cpu] ?? [];
  if (values.length <= 3) return values.join(', ');
  return `${values[0]}-${values[values.length - 1]} in steps of ${values[1] - values[0]}`;
}
