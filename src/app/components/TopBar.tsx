// Run controls, progress and the backend badge; the share/export menus go in the right slot.
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EmbedControl } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';

const SPEEDS = [1, 2, 5, 20, 100];

interface Props {
  store: LabStore;
  controls?: readonly EmbedControl[];
  children?: ReactNode;
}

export function TopBar({ store, controls, children }: Props) {
  const { status, step, totalSteps, backend, stepsPerTick, message } = useStore(store);
  const actions = store.getState();
  const show = (c: EmbedControl) => !controls || controls.includes(c);
  const running = status === 'running';
  const finished = status === 'done' || status === 'diverged' || status === 'error';
  const pct = totalSteps ? Math.round((100 * step) / totalSteps) : 0;
  return (
    <header className="topbar">
      <div className="brand">Entropy Lab</div>
      <div className="run-controls" role="group" aria-label="Run controls">
        {show('play') && (
          <button type="button" className="primary" onClick={() => (running ? actions.pause() : actions.play())} disabled={finished} aria-label={running ? 'Pause' : 'Play'} aria-keyshortcuts="Space">
            <span className={running ? 'icon-pause' : 'icon-play'} aria-hidden="true" />
            {running ? 'Pause' : 'Play'}
          </button>
        )}
        {show('step') && (
          <button type="button" onClick={() => actions.stepOnce()} disabled={finished || running} aria-label="Single step">
            Step ›
          </button>
        )}
        {show('reset') && (
          <button type="button" onClick={() => actions.reset()} aria-label="Reset">
            ⟲ Reset
          </button>
        )}
        {show('speed') && (
          <label className="inline">
            speed{' '}
            <select value={stepsPerTick} onChange={(e) => actions.setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s} step{s > 1 ? 's' : ''}/tick
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="progress" aria-live="off">
        <span data-testid="step-counter">
          step {step}/{totalSteps}
        </span>
        <progress max={totalSteps} value={step} aria-label={`Progress: ${pct}%`} />
        <span className="status">{status}</span>
      </div>
      <div className="backend-badge" data-testid="backend-badge" data-backend={backend.name} title={backend.reason}>
        <strong>{backend.label}</strong>
        {backend.reason && <span className="reason"> · {backend.reason}</span>}
      </div>
      <div data-slot="share-export">{children}</div>
      {message && (
        <p className="run-message" role="alert">
          {message}
        </p>
      )}
    </header>
  );
}
