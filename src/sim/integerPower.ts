// x^k for a whole k ≥ 0 by repeated squaring: plain IEEE multiplications give the same bits in
// every JS engine, whereas Math.pow differs between V8 versions (Node vs the browser) in the
// last bit, which would break "same config, same numbers" between the CLI and the lab.
export function integerPower(x: number, k: number): number {
  let result = 1;
  let base = x;
  for (let e = k; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result *= base;
    base *= base;
  }
  return result;
}
