// Mirror of rngFill.wgsl's RngFillParams uniform (pinned in test/kernels/layout.test.ts).
import { StructLayout } from '../structLayout';

export const RNG_FILL_PARAMS = new StructLayout('RngFillParams', [
  ['seed', 'u32'],
  ['stream', 'u32'],
  ['counter', 'u32'],
  ['indexStart', 'u32'],
  ['count', 'u32'],
] as const);
