// Mirror of rngFill.wgsl's RngFillParams uniform (pinned in test/kernels/layout.test.ts).
import { StructLayout } from '../structLayout';

export const RNG_FILL_PARAMS = new StructLayout('RngFillParams', [
  ['seed', 'u32'],
  ['stream', 'u32'],
  ['counter', 'u32'],
  ['indexStart', 'u32'],
  ['count', 'u32'],
] as const);

/** u < μ for a 24-bit uniform u = bits·2^-24 (rng.ts uniform)  ⇔  bits < ceil(μ·2^24): the kernel's exact test. */
export function uniformThreshold(mean: number): number {
  return Math.min(2 ** 24, Math.max(0, Math.ceil(mean * 2 ** 24)));
}
