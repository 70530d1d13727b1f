// Run controls, progress and the backend badge; the share/export menus go in the right slot.
// One row on a laptop; on a phone two compact rows with a Settings button that opens the
// settings drawer. Play on a finished run starts it again; while a setting is invalid Play waits
// and the reason stands beside it, with a button that goes to the field.
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EmbedControl } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';

const SPEEDS = [1, 2, 5, 20, 100];

interface Props {
  store: LabStore;
  controls?: readonly EmbedControl[];
  /** Opens the settings drawer (phones); no button without it. */
  onOpenSettings?(): void;
  settingsOpen?: boolean;
  children?: ReactNode;
}

export function TopBar({ store, controls, onOpenSettings, settingsOpen, children }: Props) {
  const { status, step, totalSteps, backend, stepsPerTick, message, invalidSettings, peer } = useStore(store);
  const peerInvalid = useStore(peer ?? store, (s) => s.invalidSettings);
  const peerStep = useStore(peer ?? store, (s) => s.step);
  const problems = [...invalidSettings, ...(peer ? peerInvalid.map((i) => ({ ...i, path: `B: ${i.path}` })) : [])];
  const actions = store.getState();
  const show = (c: EmbedControl) => !controls || controls.includes(c);
  const running = status === 'running';
  const finished = status === 'done' || status === 'diverged' || status === 'error';
  const blocked = problems.length > 0 && !running;
  const pct = totalSteps ? Math.round((100 * step) / totalSteps) : 0;
  const first = problems[0];
  return (
    <header className="topbar">
      <h1 className="brand">Entropy Lab</h1>
      <div className="run-controls" role="group" aria-label="Run controls">
        {show('play') && (
          <button
            type="button"
            className="primary"
            onClick={() => (running ? actions.pause() : actions.play())}
            disabled={blocked}
            aria-label={running ? 'Pause' : finished ? 'Play again' : 'Play'}
            aria-describedby={blocked ? 'play-blocked' : finished ? 'play-finished' : undefined}
            aria-keyshortcuts="Space"
          >
            <span className={running ? 'icon-pause' : 'icon-play'} aria-hidden="true" />
            {running ? 'Pause' : finished ? 'Play again' : 'Play'}
          </button>
        )}
        {show('step') && (
          <button type="button" onClick={() => actions.stepOnce()} disabled={finished || running || blocked} aria-label="Single step" title="One step">
            Step ›
          </button>
        )}
        {show('reset') && (
          <button type="button" onClick={() => actions.reset()} aria-label="Reset" title="Back to step 0">
            ⟲<span className="wide-only"> Reset</span>
          </button>
        )}
        {show('speed') && (
          <label className="inline speed">
            <span className="wide-only">speed</span>
            <select value={stepsPerTick} onChange={(e) => actions.setSpeed(Number(e.target.value))} aria-label="speed">
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  ×{s}
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
        {peer && (
          <span className="peer-step" data-testid="peer-step-counter" title="The comparison's B side (its own worker)">
            B {peerStep}
          </span>
        )}
        <progress max={totalSteps} value={step} aria-label={`Progress: ${pct}%`} />
        <span className="status">{status}</span>
      </div>
      {blocked && first && (
        <p id="play-blocked" className="play-blocked" role="status">
          Play waits: {first.path ? `${first.path}: ` : ''}
          {first.message}
          {problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}.{' '}
          {first.fieldId && (
            <button type="button" className="link" onClick={() => document.getElementById(first.fieldId!)?.focus()}>
              Go to the field
            </button>
          )}
        </p>
      )}
      {!blocked && finished && show('play') && (
        <p id="play-finished" className="play-hint">
          The run has finished: Play again runs it from step 0.
        </p>
      )}
      <div className="backend-badge" data-testid="backend-badge" data-backend={backend.name} title={backend.reason}>
        <strong>{backend.label}</strong>
        {backend.reason && <span className="reason"> · {backend.reason}</span>}
      </div>
      <div data-slot="share-export">
        {onOpenSettings && (
          <button type="button" className="settings-toggle" aria-expanded={settingsOpen} aria-controls="settings" onClick={onOpenSettings}>
            Settings
          </button>
        )}
        {children}
      </div>
      {message && (
        <p className="run-message" role="alert">
          {message}
        </p>
      )}
    </header>
  );
}
