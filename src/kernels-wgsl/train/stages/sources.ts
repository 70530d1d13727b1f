// The WGSL file of each GPU stage (`struct <params.name>`, its private state and hook functions),
// by stage id. Apart from the declarations in index.ts so that code reading only the field
// models (gpuSupport, the Playwright fuzzer) loads no `?raw` imports.
import adaptiveEntropy from './adaptiveEntropy.wgsl?raw';
import aepo from './aepo.wgsl?raw';
import asymmetricAdvantage from './asymmetricAdvantage.wgsl?raw';
import bapo from './bapo.wgsl?raw';
import clipCov from './clipCov.wgsl?raw';
import clipHigher from './clipHigher.wgsl?raw';
import entrocraft from './entrocraft.wgsl?raw';
import entropyBonus from './entropyBonus.wgsl?raw';
import entropyDiscriminatorClip from './entropyDiscriminatorClip.wgsl?raw';
import klCov from './klCov.wgsl?raw';
import lpReg from './lpReg.wgsl?raw';
import refKL from './refKL.wgsl?raw';
import rolloutTemperature from './rolloutTemperature.wgsl?raw';
import siren from './siren.wgsl?raw';
import steer from './steer.wgsl?raw';

export const STAGE_WGSL: Readonly<Record<string, string>> = {
  adaptiveEntropy, aepo, asymmetricAdvantage, bapo, clipCov, clipHigher, entrocraft, entropyBonus,
  entropyDiscriminatorClip, klCov, lpReg, refKL, rolloutTemperature, siren, steer,
};

export function stageWgsl(id: string): string {
  const wgsl = STAGE_WGSL[id];
  if (wgsl === undefined) throw new Error(`GPU stage ${id} has no WGSL source in stages/sources.ts`);
  return wgsl;
}
