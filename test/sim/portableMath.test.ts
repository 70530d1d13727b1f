// The portable exp/log/log1p/cos and integer powers: accurate to an ulp or two of the true
// values, exact at the special points, and built from IEEE arithmetic only (so the same bits
// in Node and the browser; e2e/share.spec.ts checks CLI and browser agree number for number).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerPower } from '../../src/sim/integerPower';
import { cos, exp, log, log1p } from '../../src/sim/portableMath';

const ULP = Number.EPSILON;
const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('portable math', () => {
  it('exp, log and cos stay within 1 ulp of the engine over their working ranges', () => {
    fc.assert(
      fc.property(fc.double({ min: -740, max: 709, noNaN: true }), fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (x, y, t) => {
        expect(relErr(exp(x), Math.exp(x))).toBeLessThanOrEqual(1.01 * ULP);
        expect(relErr(log(y), Math.log(y))).toBeLessThanOrEqual(1.01 * ULP);
        expect(Math.abs(cos(t) - Math.cos(t))).toBeLessThanOrEqual(2 * ULP);
      }),
      { numRuns: 5000, seed: 5 },
    );
  });

  it('exp stays within 1 ulp at the ends of its range: the largest doubles and the subnormal results', () => {
    fc.assert(
      fc.property(fc.double({ min: 709, max: 709.782712893384, noNaN: true }), fc.double({ min: -745.13, max: -708, noNaN: true }), (big, small) => {
        expect(relErr(exp(big), Math.exp(big))).toBeLessThanOrEqual(1.01 * ULP);
        expect(Math.abs(exp(small) - Math.exp(small))).toBeLessThanOrEqual(Math.max(Number.MIN_VALUE, 1.01 * ULP * Math.exp(small)));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  it('log1p keeps its accuracy where 1 + x rounds away the digits', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.999, max: 10, noNaN: true }), (x) => {
        expect(relErr(log1p(x), Math.log1p(x))).toBeLessThanOrEqual(4 * ULP);
      }),
      { numRuns: 5000, seed: 6 },
    );
    expect(log1p(1e-20)).toBe(1e-20);
  });

  it('handles the special values as Math does', () => {
    expect([exp(0), exp(-Infinity), exp(Infinity), exp(710), exp(-746)]).toEqual([1, 0, Infinity, Infinity, 0]);
    expect(exp(NaN)).toBeNaN();
    expect([log(1), log(0), log(Infinity)]).toEqual([0, -Infinity, Infinity]);
    expect(log(-1)).toBeNaN();
    expect(log(5e-324)).toBeCloseTo(-744.44007192138, 9);
    expect(exp(log(2))).toBe(2);
    expect([cos(0), cos(Math.PI)]).toEqual([1, -1]);
  });

  it('integer powers match repeated multiplication and the engine within an ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 64 }), (x, k) => {
        let product = 1;
        for (let i = 0; i < k; i++) product *= x;
        expect(relErr(integerPower(x, k), product)).toBeLessThanOrEqual(k * ULP);
        expect(relErr(integerPower(x, k), Math.pow(x, k))).toBeLessThanOrEqual(k * ULP + 1e-300);
      }),
      { numRuns: 2000, seed: 9 },
    );
    expect(integerPower(3, 5)).toBe(243);
    expect(integerPower(0.5, 0)).toBe(1);
  });
});
