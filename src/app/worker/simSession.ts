// The worker's state machine, free of Worker globals so tests can drive it: it builds the
// backend, has the sim's RunSession (src/sim/session.ts) advance a bounded number of steps per
// tick while playing, and reports each tick.
import type { ExperimentConfig } from '../../sim/config';
import { createEnvironment } from '../../sim/experiment';
import { isTokenEnvironment } from '../../sim/envs/tokens';
import { logSoftmaxTable } from '../../sim/policy';
import { RunSession } from '../../sim/session';
import { TickDigester } from '../../sim/tickDigest';
import type { Backend, Environment } from '../../sim/types';
import { createBackend } from './createBackend';
import type { BackendInfo, PolicySnapshot, WorkerReply, WorkerRequest } from './protocol';
import { tokenTree } from './tokenTree';

/** Shortest time between two ticks of a playing run: one per display frame. */
const MIN_TICK_MS = 16;
/** Rows shown in the policy view: enough to browse, bounded so a tick message stays small. */
const MAX_POLICY_ROWS = 64;
/** Prompts whose token tree is sent each tick. */
const MAX_TREE_PROMPTS = 16;

export class SimSession {
  private config: ExperimentConfig | null = null;
  private env: Environment | null = null;
  private backend: Backend | null = null;
  private session: RunSession | null = null;
  private backendInfo: BackendInfo | null = null;
  private digester: TickDigester | null = null;
  private playing = false;
  private stepsPerTick = 1;
  /** Worker threads for a CPU backend; undefined: as many as the machine's cores. */
  private cpuThreads?: number;
  /** Bumped by every load/reset so that a tick in flight for an old run is dropped. */
  private generation = 0;
  private busy = false;
  /** When the last tick was posted (performance.now()), for the loop's pacing. */
  private lastPost = -Infinity;
  /** Backend builds run one after another (a GPU backend takes a while to build): the last one. */
  private building: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: (reply: WorkerReply) => void,
    private readonly schedule: (fn: () => void, delayMs: number) => void = (fn, delayMs) => setTimeout(fn, delayMs),
  ) {}

  async handle(msg: WorkerRequest): Promise<void> {
    try {
      switch (msg.type) {
        case 'load':
          this.config = msg.config;
          return await this.queueRebuild();
        case 'reset':
          return await this.queueRebuild();
        case 'play':
          if (!this.playing) {
            this.playing = true;
            this.loop(this.generation);
          }
          return;
        case 'pause':
          this.playing = false;
          return void (await this.tick(0));
        case 'step':
          this.playing = false;
          return void (await this.tick(Math.max(1, Math.floor(msg.steps ?? 1))));
        case 'speed':
          this.stepsPerTick = Math.max(1, Math.min(1000, Math.floor(msg.stepsPerTick)));
          return;
        case 'cpuThreads':
          this.cpuThreads = Math.max(1, Math.min(1024, Math.floor(msg.count)));
          return;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Stop playing and tell the page what failed and what to do (never a silent stall). */
  fail(e: unknown, answersLoad = false): void {
    this.playing = false;
    this.post({ type: 'error', message: errorMessage(e), ...(answersLoad ? { answersLoad } : {}) });
  }

  /**
   * Rebuild for the current config after any build in progress. Every load/reset gets exactly
   * one 'ready' (or 'error') reply, in order, which the store counts; a build that a newer
   * load has overtaken is skipped, and its reply only keeps the count.
   */
  private queueRebuild(): Promise<void> {
    const generation = ++this.generation;
    this.playing = false;
    this.building = this.building
      .then(() => this.rebuild(generation))
      .catch((e: unknown) => this.fail(e, true));
    return this.building;
  }

  private async rebuild(generation: number): Promise<void> {
    if (!this.config) return;
    const config = this.config;
    this.backend?.dispose();
    this.backend = null;
    this.session = null;
    if (generation !== this.generation) {
      this.post({ type: 'ready', backend: this.backendInfo ?? { name: 'cpu', label: 'starting…', reason: '' }, totalSteps: config.steps, policy: { rowLabels: [], actionLabels: [], probs: [] } });
      return;
    }
    const { backend, info } = await createBackend(config, this.cpuThreads);
    this.backend = backend;
    this.session = new RunSession(config, backend, { summary: false });
    this.backendInfo = info;
    this.digester = new TickDigester(config.runs, config.steps);
    this.env = createEnvironment(config);
    this.post({ type: 'ready', backend: info, totalSteps: config.steps, policy: this.policy() });
  }

  /** The new badge after a GPU backend fell back to the CPU mid-run (it says why in `notice`). */
  private backendChange(backend: Backend): { backend?: BackendInfo } {
    const info = this.backendInfo;
    if (!info || backend.name === info.name) return {};
    const notice = (backend as { notice?: string }).notice;
    this.backendInfo = { name: backend.name, label: backend.label, reason: notice ?? `switched to ${backend.label}` };
    return { backend: this.backendInfo };
  }

  /**
   * The next tick of a playing run, at most one per frame (16 ms): a fast run (an exact bandit
   * steps in microseconds) would otherwise post thousands of messages a second and starve the
   * page of the time to draw and answer input.
   */
  private loop(generation: number): void {
    const wait = Math.max(0, this.lastPost + MIN_TICK_MS - performance.now());
    this.schedule(() => {
      if (!this.playing || generation !== this.generation) return;
      this.tick(this.stepsPerTick, generation).then(
        (more) => {
          if (more) this.loop(generation);
          // A tick of a run a load replaced stops its own loop, not the new run's.
          else if (generation === this.generation) this.playing = false;
        },
        (e: unknown) => this.fail(e),
      );
    }, wait);
  }

  /**
   * Advance up to `steps` steps of the run of `generation` (the one current when the request
   * was made) and report. A request made before a load must not step the backend that load
   * builds, nor report the old backend's records as the new run's: awaiting the build resumes
   * before the rebuild that the load queued, so the generation is checked after it. False when
   * the run is over (or was replaced).
   */
  private async tick(steps: number, generation = this.generation): Promise<boolean> {
    await this.building;
    const backend = this.backend;
    const session = this.session;
    const digester = this.digester;
    if (generation !== this.generation) return false;
    if (!backend || !session || !digester || this.busy) return this.playing;
    this.busy = true;
    try {
      const { records, bands, step, done, statuses } = await session.tick(steps);
      if (generation !== this.generation) return false;
      const digest = digester.digest(records, bands);
      if (done) this.playing = false;
      this.lastPost = performance.now();
      this.post({ type: 'tick', digest, step, running: this.playing, done, statuses, policy: this.policy(), ...this.backendChange(backend) });
      return !done;
    } finally {
      this.busy = false;
    }
  }

  private policy(): PolicySnapshot {
    const backend = this.backend;
    const env = this.env;
    if (!backend || !env) return { rowLabels: [], actionLabels: [], probs: [] };
    const { rows, actions } = env.shape;
    const shown = Math.min(rows, MAX_POLICY_ROWS);
    const logp = logSoftmaxTable(backend.logits(0), env.shape);
    const probs: number[][] = [];
    for (let r = 0; r < shown; r++) probs.push(Array.from({ length: actions }, (_, a) => Math.exp(logp[r * actions + a])));
    return {
      rowLabels: Array.from({ length: shown }, (_, r) => env.rowLabel(r)),
      actionLabels: Array.from({ length: actions }, (_, a) => env.actionLabel(a)),
      probs,
      ...(isTokenEnvironment(env) ? { tokenTrees: Array.from({ length: Math.min(env.groups, MAX_TREE_PROMPTS) }, (_, q) => tokenTree(env, logp, q)) } : {}),
    };
  }
}

/** A worker failure as the page shows it: what happened and what the user can do. */
export function errorMessage(e: unknown): string {
  const what = e instanceof Error ? e.message : String(e);
  const memory = e instanceof RangeError || /memory|allocation/i.test(what);
  return `The simulation stopped: ${what}. ${memory ? 'It ran out of memory: use fewer runs or a smaller task, then Reset.' : 'Reset to start the experiment again; if it happens again, reload the page.'}`;
}
