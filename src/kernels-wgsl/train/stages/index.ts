// The GPU stages (one per intervention the kernel runs), by intervention id. Adding one: its
// <id>.ts and <id>.wgsl in this folder, and a line here.
import { stage as adaptiveEntropy } from './adaptiveEntropy';
import { stage as aepo } from './aepo';
import { stage as asymmetricAdvantage } from './asymmetricAdvantage';
import { stage as bapo } from './bapo';
import { stage as clipCov } from './clipCov';
import { stage as clipHigher } from './clipHigher';
import { stage as entrocraft } from './entrocraft';
import { stage as entropyBonus } from './entropyBonus';
import { stage as entropyDiscriminatorClip } from './entropyDiscriminatorClip';
import { stage as klCov } from './klCov';
import { stage as lpReg } from './lpReg';
import { stage as refKL } from './refKL';
import { stage as rolloutTemperature } from './rolloutTemperature';
import { stage as siren } from './siren';
import { stage as steer } from './steer';
import type { AnyGpuStage } from './types';

export const GPU_STAGES: readonly AnyGpuStage[] = [
  entropyBonus, clipHigher, asymmetricAdvantage, lpReg, clipCov, klCov,
  refKL, bapo, steer, entropyDiscriminatorClip,
  adaptiveEntropy, aepo, entrocraft, rolloutTemperature, siren,
];

export function gpuStage(id: string): AnyGpuStage | undefined {
  return GPU_STAGES.find((s) => s.id === id);
}
