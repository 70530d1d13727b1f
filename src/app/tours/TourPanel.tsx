// The guided-tour strip above the charts: pick a tour, then for each step predict (a choice),
// run (the step's config is loaded and played), and read the explanation. Each step's config is
// loaded, paused at step 0, as the question appears, so its answer is never on screen before
// the prediction. A step with a baseline overlays the two runs as an A/B comparison (baseline
// A, the step's config B). Native buttons and radios only; the focus moves to each phase's
// heading, and returns to the Start button when the tour ends.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { parseConfig, type ExperimentConfig } from '../../sim/config';
import type { PanelId } from '../panels';
import type { LabStore } from '../store/labStore';
import { TOURS, tourById, type Tour, type TourStep } from './tours';

type Phase = 'predict' | 'running' | 'explain';

interface Props {
  store: LabStore;
  /** Focus a chart (the one the step asks the user to watch). */
  onWatch(id: PanelId): void;
  /** Overlay `b` on `a` as an A/B comparison, or (null) end any comparison. */
  onCompare?(b: ExperimentConfig | null, a?: ExperimentConfig): void;
}

export function TourPanel({ store, onWatch, onCompare }: Props) {
  const [tour, setTour] = useState<Tour | null>(null);
  const [picked, setPicked] = useState(TOURS[0].id);
  const startButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!tour && returnFocus.current) startButton.current?.focus();
    returnFocus.current = false;
  }, [tour]);
  if (!tour) {
    return (
      <div className="tour-bar" role="group" aria-label="Guided tours">
        <label className="inline" htmlFor="tour-select">
          Guided tour
        </label>
        <select id="tour-select" value={picked} onChange={(e) => setPicked(e.target.value)}>
          {TOURS.map((t) => (
            <option key={t.id} value={t.id}>
              {t.finding}. {t.title}
            </option>
          ))}
        </select>
        <button ref={startButton} type="button" onClick={() => setTour(tourById(picked) ?? null)}>
          Start tour
        </button>
      </div>
    );
  }
  function close(): void {
    returnFocus.current = true;
    setTour(null);
  }
  return <TourSteps key={tour.id} tour={tour} store={store} onWatch={onWatch} onCompare={onCompare} onClose={close} />;
}

/** A step's configs, parsed: B is the step's own, A its baseline when it compares. */
function stepConfigs(step: TourStep): { config: ExperimentConfig; baseline?: ExperimentConfig } | { error: string } {
  const parsed = parseConfig(step.config);
  const base = step.baseline ? parseConfig(step.baseline) : undefined;
  const bad = [parsed, base].flatMap((p) => (p && !p.ok ? p.issues : []));
  if (bad.length || !parsed.ok) return { error: bad.map((i) => `${i.path}: ${i.message}`).join('; ') };
  return { config: parsed.config, baseline: base?.ok ? base.config : undefined };
}

function TourSteps({ tour, store, onWatch, onCompare, onClose }: { tour: Tour; store: LabStore; onWatch(id: PanelId): void; onCompare?: Props['onCompare']; onClose(): void }) {
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>('predict');
  const [answer, setAnswer] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { status, step, totalSteps } = useStore(store);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = tour.steps[index];
  const last = index === tour.steps.length - 1;

  useEffect(() => heading.current?.focus(), [index, phase]);
  // The question comes first: the step's experiment waits at step 0, nothing drawn yet.
  useEffect(() => {
    const configs = stepConfigs(current);
    if ('error' in configs) {
      setError(configs.error);
      return;
    }
    setError(null);
    store.getState().pause();
    if (configs.baseline && onCompare) onCompare(configs.config, configs.baseline);
    else {
      onCompare?.(null);
      store.getState().loadConfig(configs.config);
    }
    onWatch(current.watch);
  }, [index]);
  useEffect(() => {
    if (phase === 'running' && (status === 'done' || status === 'diverged' || status === 'error')) setPhase('explain');
  }, [phase, status]);

  function run(): void {
    if (error) return;
    store.getState().play();
    setPhase('running');
  }

  function next(): void {
    setIndex(index + 1);
    setAnswer(null);
    setPhase('predict');
  }

  const correct = current.choices.findIndex((c) => c.correct);
  return (
    <section className="tour" aria-labelledby="tour-heading" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header>
        <p className="meta">
          Finding {tour.finding} · {tour.title} · step {index + 1} of {tour.steps.length}
        </p>
        <button type="button" onClick={onClose} aria-label="Close the tour">
          ✕
        </button>
      </header>
      <h2 id="tour-heading" ref={heading} tabIndex={-1}>
        {current.title}
      </h2>
      {current.baseline && <p className="help">Overlaid on its baseline: A (blue) is the baseline, B (orange) this step’s run, on the same seeds.</p>}
      {phase === 'predict' && (
        <>
          <fieldset>
            <legend>{current.question}</legend>
            {current.choices.map((c, i) => (
              <label key={c.label} className="check">
                <input type="radio" name="tour-prediction" checked={answer === i} onChange={() => setAnswer(i)} />
                {c.label}
              </label>
            ))}
          </fieldset>
          <button type="button" className="primary" disabled={answer === null || error !== null} onClick={run}>
            Run it
          </button>
          {answer === null && <span className="help">Choose a prediction first.</span>}
          {error && (
            <p className="error" role="alert">
              This step’s configuration is invalid: {error}
            </p>
          )}
        </>
      )}
      {phase === 'running' && (
        <p role="status">
          Running… step {step} of {totalSteps}. Watch the {current.watch} chart.{' '}
          <button type="button" onClick={() => setPhase('explain')}>
            Explain now
          </button>
        </p>
      )}
      {phase === 'explain' && (
        <>
          <p role="status">
            {answer === correct ? 'Your prediction was right' : 'Not quite'}: {current.choices[correct].label}.
          </p>
          <p>{current.explanation}</p>
          <button type="button" className="primary" onClick={last ? onClose : next}>
            {last ? 'Finish tour' : 'Next step'}
          </button>
        </>
      )}
    </section>
  );
}
