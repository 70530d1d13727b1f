// Entry point of the lab page. (Placeholder shell until the lab UI lands: runs the default
// preset on the CPU backend and shows its final numbers.)
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { parseConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { presetById } from '../sim/presets';
import { runToEnd, type Summary } from '../sim/runner';

function App() {
  const [summary, setSummary] = useState<Summary | null>(null);
  useEffect(() => {
    const parsed = parseConfig(presetById('bandit-pg')!.config);
    if (!parsed.ok) return;
    void runToEnd(parsed.config, new CpuBackend(parsed.config)).then((r) => setSummary(r.summary));
  }, []);
  return (
    <main>
      <h1>Entropy Lab</h1>
      <p data-testid="status">{summary ? `final entropy ${summary.final.entropy?.toFixed(3)} nats, reward ${summary.final.reward?.toFixed(3)}` : 'running…'}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
