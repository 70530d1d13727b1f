// Save a file from the page (an <a download> click; no server involved).
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** "entropy-lab-tokens-grpo-seed1" style base for file names. */
export function fileBase(config: { env: { type: string }; algorithm: { type: string }; seed: number }): string {
  return `entropy-lab-${config.env.type}-${config.algorithm.type}-seed${config.seed}`;
}
