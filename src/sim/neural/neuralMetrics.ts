// Metrics that compare the logit change a network made with the one a table would have made
// from the same batch (science.md §1: ΔH ≈ −Cov(log π, Δz) holds for any Δz, so the gap
// between the two predictions is the effect of shared parameters). Pure float64; no tfjs.
import { covarianceTerm } from '../softmax';
import { weightedMean } from '../policy';
import type { PolicyShape } from '../types';
import { exp } from '../portableMath';

/** Σ_a π_a (x_a − E_π x)(y_a − E_π y) over one row at `offset`. */
function rowCovariance(logp: Float64Array, x: Float64Array, y: Float64Array, k: number, offset: number): number {
  let mx = 0;
  let my = 0;
  for (let a = 0; a < k; a++) {
    const p = exp(logp[offset + a]);
    mx += p * x[offset + a];
    my += p * y[offset + a];
  }
  let c = 0;
  for (let a = 0; a < k; a++) c += exp(logp[offset + a]) * (x[offset + a] - mx) * (y[offset + a] - my);
  return c;
}

/**
 * @param logp the policy before the step; `visitation` d(s) weights rows as for entropy.
 * @param batchRowWeight rows the batch visited (> 0) — a table moves only those.
 * @param dz the network's logit change (after − before); `dzTabular` the table's η·Σ_epochs D.
 */
export function neuralStepMetrics(shape: PolicyShape, logp: Float64Array, visitation: Float64Array, batchRowWeight: Float64Array, dz: Float64Array, dzTabular: Float64Array): Record<string, number> {
  const k = shape.actions;
  const covTab = new Float64Array(shape.rows);
  let varNet = 0;
  let varTab = 0;
  let cross = 0;
  let spill = 0;
  for (let s = 0; s < shape.rows; s++) {
    const d = visitation[s];
    if (d === 0) continue;
    const rowOffset = s * k;
    covTab[s] = covarianceTerm(logp.subarray(rowOffset, rowOffset + k), dzTabular, k, rowOffset);
    const v = d * rowCovariance(logp, dz, dz, k, rowOffset);
    varNet += v;
    if (batchRowWeight[s] === 0) spill += v;
    varTab += d * rowCovariance(logp, dzTabular, dzTabular, k, rowOffset);
    cross += d * rowCovariance(logp, dz, dzTabular, k, rowOffset);
  }
  const denom = Math.sqrt(varNet * varTab);
  return {
    tabularPredictedDeltaH: -weightedMean(covTab, visitation),
    deltaZSpill: varNet > 0 ? spill / varNet : 0,
    deltaZAlignment: denom > 0 ? cross / denom : 0,
  };
}
