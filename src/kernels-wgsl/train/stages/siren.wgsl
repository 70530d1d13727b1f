// SIREN on the GPU (siren.ts, arXiv 2509.25133): at the top ⌈ρ·V⌉ of the V visited states by
// entropy, the natural direction of
// −(β/2)(H_p − H_anchor)² over the top-p nucleus: u = β(H_p − H_anchor)(log q + H_p)/Z on the
// nucleus, 0 outside. The anchor (state) is the masked nucleus entropy at the first step.
// States by entropy and tokens by log π are ranked on siren.ts's 2^-12 grid, ties to the lower
// index.

struct SirenParams {
  topP: f32,
  coef: f32,
  /** d(s) above which a state counts as visited (siren.ts SIREN_MIN_VISITATION). */
  minVisitation: f32,
  /** Per row 1.0 where this step regularises it, in the run's scratch. */
  maskOffset: u32,
  /** envTable[countsOffset + V] = ⌈ρ·V⌉, computed on the host in float64. */
  countsOffset: u32,
  /** (anchor, anchored) in the run's stage state. */
  stateOffset: u32,
  metricOffset: u32,
}

/** A row's nucleus: its last token in (key of log π, index) order, log Z, H_p and Z. */
struct SirenNucleus {
  cutKey: f32,
  cutIndex: u32,
  logMass: f32,
  entropy: f32,
  mass: f32,
}

var<private> siren_anchor: f32;
var<private> siren_maskFrac: f32;
/** The current row's nucleus and scale β(H_p − H_anchor)/Z, set by rowBegin (scale 0: not masked). */
var<private> siren_row: SirenNucleus;
var<private> siren_scale: f32;

/** siren.ts rankKey: floor(x·2^12 + ½), a whole f32. */
fn siren_key(x: f32) -> f32 {
  return floor(x * 4096.0 + 0.5);
}

/** Key b with index b comes before key a with index a (keys descending, ties to the lower index). */
fn siren_before(keyB: f32, b: u32, keyA: f32, a: u32) -> bool {
  return keyB > keyA || (keyB == keyA && b < a);
}

/**
 * The nucleus of row s at this epoch (siren.ts nucleus): token a is in it when the mass of the
 * tokens before it is below p. O(K²), so no sort.
 */
fn siren_nucleus(s: u32, epoch: u32) -> SirenNucleus {
  let K = params.actions;
  let row = s * K;
  var n = SirenNucleus(0.0, 0u, 0.0, 0.0, 0.0);
  var first = true;
  for (var a = 0u; a < K; a++) {
    let lpA = currentLogp(row + a, s, epoch);
    var before = 0.0;
    for (var b = 0u; b < K; b++) {
      let lpB = currentLogp(row + b, s, epoch);
      if (siren_before(siren_key(lpB), b, siren_key(lpA), a)) {
        before += exp(lpB);
      }
    }
    if (before < stageParams.siren.topP) {
      n.mass += exp(lpA);
      if (first || siren_before(n.cutKey, n.cutIndex, siren_key(lpA), a)) {
        n.cutKey = siren_key(lpA);
        n.cutIndex = a;
        first = false;
      }
    }
  }
  n.logMass = log(n.mass);
  for (var a = 0u; a < K; a++) {
    let lp = currentLogp(row + a, s, epoch);
    if (siren_inNucleus(n, lp, a)) {
      let lq = lp - n.logMass;
      n.entropy -= exp(lq) * lq;
    }
  }
  return n;
}

fn siren_inNucleus(n: SirenNucleus, lp: f32, a: u32) -> bool {
  return !siren_before(n.cutKey, n.cutIndex, siren_key(lp), a);
}

fn siren_isVisited(s: u32) -> bool {
  return scratch[sBase + params.visitOffset + s] > stageParams.siren.minVisitation;
}

fn siren_entropyKey(s: u32) -> f32 {
  return siren_key(scratch[sBase + params.rowEntropyOffset + s]);
}

fn siren_beginStep(step: u32, before: vec4<f32>) {
  let p = stageParams.siren;
  let mask = sBase + p.maskOffset;
  var part = vec4<f32>(0.0);
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    part.x += select(0.0, 1.0, siren_isVisited(s));
  }
  let visited = u32(workgroupSum(part).x);
  let count = envTable[p.countsOffset + visited];
  // A visited row's rank: the visited rows before it by (key descending, row ascending).
  for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
    var rank = 0u;
    if (siren_isVisited(s)) {
      let key = siren_entropyKey(s);
      for (var t = 0u; t < params.rows; t++) {
        if (siren_isVisited(t) && siren_before(siren_entropyKey(t), t, key, s)) {
          rank++;
        }
      }
    }
    scratch[mask + s] = select(0.0, 1.0, siren_isVisited(s) && rank < count);
  }
  storageBarrier();
  siren_maskFrac = select(0.0, f32(min(count, visited)) / f32(visited), visited > 0u);
  let state = stateBase + p.stateOffset;
  siren_anchor = scratch[state];
  // Whether the anchor is set, read once for the workgroup (uniform: the branch has barriers).
  workgroupBarrier();
  if (lid == 0u) {
    broadcastWord = select(0u, 1u, scratch[state + 1u] != 0.0);
  }
  if (workgroupUniformLoad(&broadcastWord) == 0u) {
    // The first step: the anchor is the masked rows' nucleus entropy, visitation-weighted.
    var sums = vec4<f32>(0.0);
    for (var s = lid; s < params.rows; s += WORKGROUP_SIZE) {
      let d = scratch[sBase + params.visitOffset + s];
      if (scratch[mask + s] != 0.0 && d != 0.0) {
        sums += vec4<f32>(d * siren_nucleus(s, 0u).entropy, d, 0.0, 0.0);
      }
    }
    let total = workgroupSum(sums);
    siren_anchor = select(0.0, total.x / total.y, total.y > 0.0);
    // Every invocation has read the state before it is replaced.
    storageBarrier();
    if (lid == 0u) {
      scratch[state] = siren_anchor;
      scratch[state + 1u] = 1.0;
    }
  }
}

fn siren_rowBegin(s: u32, epoch: u32, stats: RowStats) {
  siren_scale = 0.0;
  if (scratch[sBase + stageParams.siren.maskOffset + s] != 0.0) {
    siren_row = siren_nucleus(s, epoch);
    siren_scale = stageParams.siren.coef * (siren_row.entropy - siren_anchor) / siren_row.mass;
  }
}

/** ∇_z H_p = −q(log q + H_p) on the nucleus; divided by π = Z·q for the natural form. */
fn siren_rowDirection(s: u32, a: u32, lp: f32, stats: RowStats) -> f32 {
  if (siren_scale == 0.0 || !siren_inNucleus(siren_row, lp, a)) {
    return 0.0;
  }
  return siren_scale * (lp - siren_row.logMass + siren_row.entropy);
}

fn siren_writeMetrics(base: u32) {
  let at = base + stageParams.siren.metricOffset;
  metrics[at] = siren_maskFrac;
  metrics[at + 1u] = siren_anchor;
}
