// The CLI's sweep (sweepSession.ts), ticked to the end: one `{"type":"cell", …}` line per cell in
// index order as cells finish (design.md); with --records each tick's step lines too, each
// carrying its `cell` and its run within the cell.
import { formatJsonlStep } from '../sim/recordFormat';
import type { Sweep } from '../sim/sweep';
import { SweepSession, type BatchBackendFactory, type CellBackendFactory } from '../sim/sweepSession';

/** Steps per tick: small enough that --records streams, large enough to keep ticks cheap. */
const STEPS_PER_TICK = 50;
/** Records one tick may hold (all cells × seeds): memory stays flat for large sweeps. */
const RECORDS_PER_TICK = 16_384;

export async function runSweep(sweep: Sweep, backendFor: CellBackendFactory, write: (text: string) => Promise<void>, opts: { records: boolean }, batch?: BatchBackendFactory): Promise<void> {
  const session = await SweepSession.create(sweep, backendFor, batch);
  try {
    const runs = sweep.cells.length * sweep.base.runs;
    const steps = Math.max(1, Math.min(STEPS_PER_TICK, Math.floor(RECORDS_PER_TICK / runs)));
    let printed = 0;
    while (!session.done) {
      const tick = await session.tick(steps);
      let text = opts.records ? tick.cellRecords.map((r) => formatJsonlStep(r) + '\n').join('') : '';
      // Cell lines as cells finish (one by one when no backend takes the whole batch).
      for (; printed < session.finishedCells; printed++) text += JSON.stringify(session.cellResult(printed)) + '\n';
      if (text) await write(text);
    }
  } finally {
    session.dispose();
  }
}
