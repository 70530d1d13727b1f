// The guided-tour strip above the charts: pick a tour, then for each step predict (a choice),
// run (the step's config is loaded and played), and read the explanation. Native buttons and
// radios only, and the focus moves to each phase's heading, so it works by keyboard alone.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { parseConfig } from '../../sim/config';
import type { EmbedPanel } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import { TOURS, tourById, type Tour } from './tours';

type Phase = 'predict' | 'running' | 'explain';

interface Props {
  store: LabStore;
  /** Focus a chart (the one the step asks the user to watch). */
  onWatch(id: EmbedPanel): void;
}

export function TourPanel({ store, onWatch }: Props) {
  const [tour, setTour] = useState<Tour | null>(null);
  const [picked, setPicked] = useState(TOURS[0].id);
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
        <button type="button" onClick={() => setTour(tourById(picked) ?? null)}>
          Start tour
        </button>
      </div>
    );
  }
  return <TourSteps key={tour.id} tour={tour} store={store} onWatch={onWatch} onClose={() => setTour(null)} />;
}

function TourSteps({ tour, store, onWatch, onClose }: { tour: Tour; store: LabStore; onWatch(id: EmbedPanel): void; onClose(): void }) {
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>('predict');
  const [answer, setAnswer] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { status, step, totalSteps } = useStore(store);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = tour.steps[index];
  const last = index === tour.steps.length - 1;

  useEffect(() => heading.current?.focus(), [index, phase]);
  useEffect(() => {
    if (phase === 'running' && (status === 'done' || status === 'diverged' || status === 'error')) setPhase('explain');
  }, [phase, status]);

  function run(): void {
    const parsed = parseConfig(current.config);
    if (!parsed.ok) {
      setError(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      return;
    }
    setError(null);
    onWatch(current.watch);
    store.getState().loadConfig(parsed.config);
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
          <button type="button" className="primary" disabled={answer === null} onClick={run}>
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
