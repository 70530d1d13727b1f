// The WGSL file of each GPU stage (`struct <params.name>`, its private state and hook functions),
// by stage id. Apart from the declarations in index.ts so that code reading only the field
// models (gpuSupport, the Playwright fuzzer) loads no `?raw` imports.
import asymmetricAdvantage from './asymmetricAdvantage.wgsl?raw';
import clipCov from './clipCov.wgsl?raw';
import clipHigher from './clipHigher.wgsl?raw';
import entropyBonus from './entropyBonus.wgsl?raw';
import klCov from './klCov.wgsl?raw';
import lpReg from './lpReg.wgsl?raw';

export const STAGE_WGSL: Readonly<Record<string, string>> = { asymmetricAdvantage, clipCov, clipHigher, entropyBonus, klCov, lpReg };

export function stageWgsl(id: string): string {
  const wgsl = STAGE_WGSL[id];
  if (wgsl === undefined) throw new Error(`GPU stage ${id} has no WGSL source in stages/sources.ts`);
  return wgsl;
}
