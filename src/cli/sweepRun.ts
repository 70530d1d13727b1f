// The CLI's sweep: every cell × seed as one batch (sweepSession.ts), ticked to the end, then one
// `{"type":"cell", …}` line per cell in index order (design.md); with --records each tick's step
// lines first, each carrying its `cell` and its run within the cell.
import { formatJsonlStep } from '../sim/recordFormat';
import type { Sweep } from '../sim/sweep';
import { sweepBackend, SweepSession } from '../sim/sweepSession';
import type { Backend } from '../sim/types';
import type { ExperimentConfig } from '../sim/config';

/** Steps per tick: small enough that --records streams, large enough to keep ticks cheap. */
const STEPS_PER_TICK = 50;

export async function runSweep(sweep: Sweep, backendFor: (config: ExperimentConfig) => Promise<Backend>, write: (text: string) => Promise<void>, opts: { records: boolean }): Promise<void> {
  const backend = await sweepBackend(sweep, backendFor);
  try {
    const session = new SweepSession(sweep, backend);
    while (!session.done) {
      const tick = await session.tick(STEPS_PER_TICK);
      if (opts.records && tick.cellRecords.length > 0) await write(tick.cellRecords.map((r) => formatJsonlStep(r) + '\n').join(''));
      if (tick.records.length === 0) break;
    }
    await write(session.results().map((cell) => JSON.stringify(cell) + '\n').join(''));
  } finally {
    backend.dispose();
  }
}
