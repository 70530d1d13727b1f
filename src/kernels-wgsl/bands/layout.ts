// TypeScript mirror of the ensemble-bands kernel's parameters (bands/ensembleBands.wgsl);
// test/kernels/layout.test.ts pins it against the WGSL source and byte for byte.
import { StructLayout } from '../structLayout';

export const BAND_PARAMS = new StructLayout('BandParams', [
  ['runCount', 'u32'],
  ['slotsPerRun', 'u32'],
  ['wordsPerRecord', 'u32'],
  ['blockStart', 'u32'],
  ['runStateWords', 'u32'],
  ['stepsDoneWord', 'u32'],
] as const);

/** Runs one workgroup can sort (workgroup memory: 2048 f32 of the 16 KiB default). */
export const MAX_BAND_RUNS = 2048;
/**
 * Fewer runs than this reduce faster on the host: the pass over their records costs less than
 * a dispatch of steps × metrics workgroups (8 runs: the bands pass measured as long as training).
 */
export const MIN_BAND_RUNS = 64;
