"""The bench's numpy peer: the bench workload's GRPO step written as a researcher would in numpy.

Token task, R runs x P prompts x G samples, vocabulary V, answers of length L, one logits row per
(prompt, position, previous token), a peaked Zipf init, a few correct answers per prompt. Each
step: log-softmax of every table, autoregressive sampling by inverse CDF, verifier rewards, group
standardised advantages (r - mean)/(std + eps), the vanilla policy-gradient step
z += lr/G * sum_i A_i (e_a - pi) as a scatter-add, and the batch's mean per-token entropy.
Float64, vectorised over runs and samples; no exact tree metrics (the lab computes those too).

`npm run bench` runs it when python3 with numpy is present and prints it beside the lab's backends:
    python3 scripts/numpy_peer.py --runs 1024 --steps 20 --json
"""
import argparse
import json
import sys
import time

import numpy as np


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in [("runs", 1024), ("steps", 20), ("prompts", 16), ("group", 8), ("vocab", 8), ("length", 4), ("answers", 3)]:
        p.add_argument(f"--{name}", type=int, default=default)
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    a = p.parse_args(argv)
    for name in ("runs", "steps", "prompts", "group", "vocab", "length", "answers"):
        if getattr(a, name) < 1:
            p.error(f"--{name} needs a whole number >= 1")
    return a


class TokenTask:
    """Rows: per prompt one first-position row, then (L-1)*V rows indexed by (position, previous token)."""

    def __init__(self, a, rng):
        self.P, self.G, self.V, self.L = a.prompts, a.group, a.vocab, a.length
        self.per_prompt = 1 + (self.L - 1) * self.V
        self.rows = self.P * self.per_prompt
        ranks = np.argsort(rng.random((self.rows, self.V)), axis=1)  # a random ranking per row
        self.init = -2.0 * np.log1p(ranks.astype(np.float64))  # Zipf: rank r gets -s ln(r + 1)
        # Correct answers: sequences drawn from the init, so some are likely and some rare.
        pi0 = np.exp(self.init) / np.exp(self.init).sum(axis=1, keepdims=True)
        self.answers = np.zeros((self.P, a.answers, self.L), dtype=np.int64)
        for q in range(self.P):
            for j in range(a.answers):
                prev = 0
                for t in range(self.L):
                    tok = rng.choice(self.V, p=pi0[self.row(q, t, prev)])
                    self.answers[q, j, t] = tok
                    prev = tok
        self.prompt = np.repeat(np.arange(self.P), self.G)  # prompt of each sample

    def row(self, q, t, prev):
        return q * self.per_prompt if t == 0 else q * self.per_prompt + 1 + (t - 1) * self.V + prev


def grpo_step(task, z, rng, lr, eps=1e-4):
    R, N, V, L = z.shape[0], task.P * task.G, task.V, task.L
    shifted = z - z.max(axis=2, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=2, keepdims=True))
    pi = np.exp(logp)
    run = np.arange(R)[:, None]
    rows = np.empty((R, N, L), dtype=np.int64)
    actions = np.empty((R, N, L), dtype=np.int64)
    prev = np.zeros((R, N), dtype=np.int64)
    for t in range(L):
        row = task.row(task.prompt[None, :], t, prev) if t > 0 else np.broadcast_to(task.row(task.prompt, 0, 0), (R, N))
        cdf = np.cumsum(pi[run, row], axis=2)
        a = np.minimum((rng.random((R, N, 1)) >= cdf).sum(axis=2), V - 1)
        rows[:, :, t], actions[:, :, t] = row, a
        prev = a
    hit = (actions[:, :, None, :] == task.answers[task.prompt][None]).all(axis=3).any(axis=2)
    reward = hit.astype(np.float64).reshape(R, task.P, task.G)
    adv = (reward - reward.mean(axis=2, keepdims=True)) / (reward.std(axis=2, keepdims=True) + eps)
    coef = np.repeat(adv.reshape(R, N), L, axis=1).reshape(R, N, L) / task.G
    p_tok = pi[run[:, :, None], rows]  # (R, N, L, V)
    grad_tok = -coef[..., None] * p_tok
    np.put_along_axis(grad_tok, actions[..., None], np.take_along_axis(grad_tok, actions[..., None], axis=3) + coef[..., None], axis=3)
    grad = np.zeros_like(z).reshape(R * task.rows, V)
    np.add.at(grad, (run[:, :, None] * task.rows + rows).ravel(), grad_tok.reshape(-1, V))
    z += lr * grad.reshape(z.shape)
    logp_tok = logp[run[:, :, None], rows]
    batch_entropy = -(p_tok * logp_tok).sum(axis=3).mean()
    return reward.mean(), batch_entropy


def main(argv):
    a = parse_args(argv)
    rng = np.random.default_rng(a.seed)
    task = TokenTask(a, rng)
    z = np.broadcast_to(task.init, (a.runs, task.rows, task.V)).copy()
    grpo_step(task, z, rng, a.lr)  # warm-up, as the lab's backends get
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(a.steps):
        reward, entropy = grpo_step(task, z, rng, a.lr)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    samples = a.runs * a.prompts * a.group * a.steps
    report = {
        "backend": "numpy",
        "label": f"numpy {np.__version__} (float64, vectorised, 1 process)",
        "steps": a.steps,
        "seconds": seconds,
        "sampleStepsPerSecond": samples / seconds,
        "cpuSeconds": cpu_seconds,
        "finalBatchReward": float(reward),
        "finalBatchEntropy": float(entropy),
    }
    if a.json:
        print(json.dumps(report))
    else:
        print(f"numpy peer: {a.runs} runs x {a.steps} steps in {seconds:.2f} s ({cpu_seconds:.2f} CPU-s)")
        print(f"{report['sampleStepsPerSecond']:.3e} sample-steps/s wall, {samples / cpu_seconds:.3e} per CPU-second")
        print(f"final batch reward {reward:.3f}, batch entropy {entropy:.3f} nats")


if __name__ == "__main__":
    main(sys.argv[1:])
