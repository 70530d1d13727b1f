// Reductions over arrays of any length: Math.max(...xs) passes every element as an argument
// and overflows the call stack for a large ensemble or a long run (issue 13), so these loop.

/** The largest value, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let out = -Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v > out || Number.isNaN(v)) out = v;
    if (Number.isNaN(out)) return NaN;
  }
  return any ? out : empty;
}

/** The smallest value, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let out = Infinity;
  let any = false;
  for (const v of values) {
    any = true;
    if (v < out || Number.isNaN(v)) out = v;
    if (Number.isNaN(out)) return NaN;
  }
  return any ? out : empty;
}
