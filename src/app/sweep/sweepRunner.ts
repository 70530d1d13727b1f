// The Sweep panel's worker state, free of Worker globals so tests can drive it: it parses the
// sweep as the CLI does and has a SweepSession run it (cell after cell until a backend takes
// the whole batch: sweepSession.ts BatchBackendFactory), growing the ticks until one takes
// about TICK_MS, posting the cells' results as they stand.
import { parseSweep } from '../../sim/sweep';
import { SweepSession, type BatchBackendFactory } from '../../sim/sweepSession';
import { createBackend } from '../worker/createBackend';
import type { SweepReply, SweepRequest } from './sweepProtocol';

/** A tick's target duration: the page gets fresh results a few times a second. */
const TICK_MS = 200;

export class SweepRunner {
  /** Bumped by every start and cancel, so the loop of an older sweep stops. */
  private generation = 0;
  private session: SweepSession | null = null;

  constructor(
    private readonly post: (reply: SweepReply) => void,
    private readonly batch?: BatchBackendFactory,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async handle(msg: SweepRequest): Promise<void> {
    const generation = ++this.generation;
    this.session?.dispose();
    this.session = null;
    if (msg.type === 'cancel') return;
    try {
      await this.run(msg.input, generation);
    } catch (e) {
      if (generation === this.generation) this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async run(input: Record<string, unknown>, generation: number): Promise<void> {
    const parsed = parseSweep(input);
    if (!parsed.ok) return this.post({ type: 'invalid', issues: parsed.issues });
    const { sweep } = parsed;
    const session = await SweepSession.create(sweep, async (config) => (await createBackend(config)).backend, this.batch);
    if (generation !== this.generation) return session.dispose();
    this.session = session;
    this.post({ type: 'started', cells: sweep.cells.length, runsPerCell: sweep.base.runs, totalSteps: sweep.base.steps });
    const start = this.now();
    let steps = 1;
    while (!session.done) {
      const t0 = this.now();
      const tick = await session.tick(steps);
      if (generation !== this.generation) return;
      this.post({ type: 'progress', progress: tick.progress, finishedCells: session.finishedCells, backend: session.label, results: session.results() });
      const ms = this.now() - t0;
      if (ms < TICK_MS / 2) steps = Math.min(steps * 2, sweep.base.steps);
      else if (ms > TICK_MS * 2 && steps > 1) steps = Math.max(1, Math.floor(steps / 2));
      // Let a cancel or a new start in between ticks.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (generation !== this.generation) return;
    }
    this.post({ type: 'done', results: session.results(), seconds: (this.now() - start) / 1000 });
    session.dispose();
    this.session = null;
  }
}
