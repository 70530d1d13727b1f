// The one place the worker builds a backend: neural policies go to tfjs; tables to WebGPU when
// the page has an adapter and the kernels cover the config, else to the CPU core (with why),
// split over `cpuThreads` Web Workers (navigator.hardwareConcurrency by default).
import { createBackend as createTabularBackend, type ChosenBackend } from '../../kernels-wgsl';
import type { ExperimentConfig } from '../../sim/config';
import { isNeuralPolicy } from '../../sim/neural';
import { browserCpuThreads } from './browserThreads';

export async function createBackend(config: ExperimentConfig, cpuThreads?: number): Promise<ChosenBackend> {
  if (isNeuralPolicy(config.policy)) {
    const { TfjsBackend } = await import('../../sim/neural/tfjsBackend');
    const backend = await TfjsBackend.create(config);
    return { backend, info: { name: backend.name, label: backend.label, reason: 'neural policies train with tfjs' } };
  }
  return createTabularBackend(config, { gpu: typeof navigator !== 'undefined' ? navigator.gpu : undefined, cpuThreads: browserCpuThreads(cpuThreads) });
}
