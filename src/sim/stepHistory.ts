// A per-step history in bounded memory (issue 13: memory stays flat however many steps run).
// The latest `window` steps stay at full resolution; older steps are kept only at multiples of
// a stride that doubles whenever they fill the rest of `capacity`, as W&B's sampled history and
// TensorBoard's downsampling keep long runs drawable. The kept steps depend only on the steps
// pushed, so two histories fed the same steps keep the same ones.

export class StepHistory<T> {
  private readonly olderSteps: number[] = [];
  private readonly olderItems: T[] = [];
  private readonly recentSteps: number[] = [];
  private readonly recentItems: T[] = [];
  /** Older steps are kept only at multiples of this (1 until the first thinning). */
  stride = 1;

  constructor(
    readonly capacity: number,
    readonly window: number,
  ) {
    if (!(window >= 1 && capacity >= 2 * window + 2)) throw new Error(`StepHistory: need 1 ≤ window and capacity ≥ 2·window + 2, got ${capacity}, ${window}`);
  }

  get length(): number {
    return this.olderSteps.length + this.recentSteps.length;
  }

  /** True when every step pushed is still held. */
  get complete(): boolean {
    return this.stride === 1;
  }

  /** Kept steps, ascending. */
  get steps(): number[] {
    return [...this.olderSteps, ...this.recentSteps];
  }

  /** Kept items, in the order of `steps`. */
  get items(): T[] {
    return [...this.olderItems, ...this.recentItems];
  }

  /** The item of the latest step, or undefined. */
  get latest(): T | undefined {
    return this.recentItems[this.recentItems.length - 1];
  }

  /** Add the item of `step` (steps come in increasing order). */
  push(step: number, item: T): void {
    const last = this.recentSteps[this.recentSteps.length - 1];
    if (last !== undefined && step <= last) throw new Error(`StepHistory: step ${step} after ${last}`);
    this.recentSteps.push(step);
    this.recentItems.push(item);
    if (this.recentSteps.length <= this.window) return;
    const leaving = this.recentSteps.shift()!;
    const leavingItem = this.recentItems.shift()!;
    if (leaving % this.stride !== 0) return;
    this.olderSteps.push(leaving);
    this.olderItems.push(leavingItem);
    if (this.olderSteps.length >= this.capacity - this.window) this.thin();
  }

  /** Double the stride and keep the older steps on its grid. */
  private thin(): void {
    this.stride *= 2;
    let kept = 0;
    for (let i = 0; i < this.olderSteps.length; i++) {
      if (this.olderSteps[i] % this.stride !== 0) continue;
      this.olderSteps[kept] = this.olderSteps[i];
      this.olderItems[kept] = this.olderItems[i];
      kept++;
    }
    this.olderSteps.length = kept;
    this.olderItems.length = kept;
  }

  clear(): void {
    for (const list of [this.olderSteps, this.olderItems, this.recentSteps, this.recentItems]) list.length = 0;
    this.stride = 1;
  }
}
