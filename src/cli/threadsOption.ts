// `--threads N` of the CLI entry points: worker threads for the CPU backend (1 = no pool).
import { UsageError } from './usage';

export function parseThreads(raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < 1 || n > 1024) throw new UsageError(`--threads needs a whole number from 1 to 1024, got ${raw ?? 'nothing'}`);
  return n;
}
