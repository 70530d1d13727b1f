// Writes test/fixtures/reference/*.json: the config keys and option values that the verl and TRL
// exports may use, read from the projects' own code at a named commit, and the Entropy Mechanism
// paper's Clip-Cov/KL-Cov script settings. Each argument is a git checkout (or bare repo):
//   node scripts/reference-keys.mjs <volcengine/verl> <huggingface/trl> <PRIME-RL/Entropy-Mechanism-of-RL>
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const [verlDir, trlDir, paperDir] = process.argv.slice(2);
if (!paperDir) {
  console.error('usage: node scripts/reference-keys.mjs <verl checkout> <trl checkout> <Entropy-Mechanism-of-RL checkout>');
  process.exit(2);
}
const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'test/fixtures/reference');
mkdirSync(out, { recursive: true });

const git = (dir, ...args) => execFileSync('git', ['--git-dir', existsGitDir(dir), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
function existsGitDir(dir) {
  return execFileSync('git', ['-C', dir, 'rev-parse', '--git-dir'], { encoding: 'utf8' }).trim().replace(/^(?!\/)/, `${resolve(dir)}/`);
}
const show = (dir, commit, path) => git(dir, 'show', `${commit}:${path}`);
const all = (text, re) => [...text.matchAll(re)].map((m) => m[1]);
const quoted = (list) => all(list, /"([^"]+)"/g);
const write = (name, data) => writeFileSync(join(out, name), JSON.stringify(data, null, 2) + '\n');

/** Dotted paths of every key in a YAML mapping, intermediate ones included. */
function keyPaths(node, prefix = '') {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)]);
}

// verl: the flattened trainer config, and the names core_algos.py registers or accepts.
{
  const commit = git(verlDir, 'rev-parse', 'HEAD').trim();
  const configPath = 'verl/trainer/config/_generated_ppo_trainer.yaml';
  const core = show(verlDir, commit, 'verl/trainer/ppo/core_algos.py');
  const enumBody = core.slice(core.indexOf('class AdvantageEstimator'), core.indexOf('ADV_ESTIMATOR_REGISTRY'));
  const enumValues = Object.fromEntries([...enumBody.matchAll(/^\s+(\w+) = "([^"]+)"/gm)].map((m) => [m[1], m[2]]));
  const forward = core.slice(core.indexOf('def kl_penalty_forward'), core.indexOf('def compute_pf_ppo_reweight_data'));
  const aggLoss = core.slice(core.indexOf('def agg_loss'), core.indexOf('def compute_policy_loss('));
  write('verl.json', {
    repo: 'volcengine/verl',
    commit,
    configFile: configPath,
    configKeys: keyPaths(parse(show(verlDir, commit, configPath))),
    codeFile: 'verl/trainer/ppo/core_algos.py',
    advEstimators: all(core, /@register_adv_est\(\s*AdvantageEstimator\.(\w+)/g).map((name) => enumValues[name]),
    policyLossModes: all(core, /@register_policy_loss\("([^"]+)"\)/g),
    lossAggModes: all(aggLoss, /loss_agg_mode == "([^"]+)"/g),
    // kl_penalty() passes its name unchanged to kl_penalty_forward(), so only these names run.
    klLossTypes: [...all(forward, /kl_penalty in \(([^)]*)\)/g).flatMap(quoted), ...all(forward, /kl_penalty == "([^"]+)"/g)],
  });
}

// TRL: the fields GRPOConfig declares and those of its base class (TrainingArguments' own are
// not listed: the export uses none), and the loss types and reward scalings the trainer accepts.
{
  const commit = git(trlDir, 'rev-parse', 'HEAD').trim();
  const fields = (path) => all(show(trlDir, commit, path), /^ {4}([a-z_][a-z0-9_]*): [^\n]*= field\(/gm);
  const trainer = show(trlDir, commit, 'trl/trainer/grpo_trainer.py');
  write('trl.json', {
    repo: 'huggingface/trl',
    commit,
    configFiles: ['trl/trainer/grpo_config.py', 'trl/trainer/base_config.py'],
    grpoConfigFields: [...new Set([...fields('trl/trainer/grpo_config.py'), ...fields('trl/trainer/base_config.py')])],
    codeFile: 'trl/trainer/grpo_trainer.py',
    lossTypes: [...new Set([...all(trainer, /self\.loss_type == "([^"]+)"/g), ...all(trainer, /self\.loss_type in \[([^\]]*)\]/g).flatMap(quoted)])],
    scaleRewards: [...new Set([...all(trainer, /self\.scale_rewards in \[([^\]]*)\]/g).flatMap(quoted), ...all(trainer, /self\.scale_rewards == "([^"]+)"/g)])],
  });
}

// The paper's recipe scripts: the shell variables each Clip-Cov / KL-Cov run sets.
{
  const commit = git(paperDir, 'rev-parse', 'HEAD').trim();
  const scripts = ['recipe/dapo/7b_clip_cov.sh', 'recipe/dapo/7b_kl_cov.sh', 'recipe/dapo/32b_clip_cov.sh', 'recipe/dapo/32b_kl_cov.sh'];
  const settings = Object.fromEntries(
    scripts.map((path) => {
      const vars = Object.fromEntries([...show(paperDir, commit, path).matchAll(/^(\w+)=([^\s#]+)/gm)].map((m) => [m[1], m[2].replace(/^["']|["']$/g, '')]));
      const keep = ['loss_mode', 'clip_ratio_low', 'clip_ratio_high', 'clip_cov_ratio', 'clip_cov_lb', 'clip_cov_ub', 'k_percent', 'ppo_kl_coef', 'loss_agg_mode', 'adv_estimator'];
      return [path, Object.fromEntries(keep.filter((k) => k in vars).map((k) => [k, vars[k]]))];
    }),
  );
  write('entropy-mechanism.json', { repo: 'PRIME-RL/Entropy-Mechanism-of-RL', commit, scripts: settings });
}
