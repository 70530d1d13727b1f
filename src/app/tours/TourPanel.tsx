// Plays a guided tour: for each step the user predicts (a choice), runs the experiment, then
// reads what happened. Plain buttons and radio inputs, so it works with the keyboard alone.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { EmbedPanel } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import { tourStepConfig } from './tourConfig';
import type { Tour } from './tours';

interface Props {
  store: LabStore;
  tour: Tour;
  onClose(): void;
  onFocusChart(id: EmbedPanel): void;
}

export function TourPanel({ store, tour, onClose, onFocusChart }: Props) {
  const [index, setIndex] = useState(0);
  const [choice, setChoice] = useState<number | null>(null);
  const [phase, setPhase] = useState<'predict' | 'running' | 'explained'>('predict');
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { status, step: at, totalSteps } = useStore(store);
  const step = tour.steps[index];
  const last = index === tour.steps.length - 1;

  useEffect(() => heading.current?.focus(), [index]);
  useEffect(() => {
    if (phase === 'running' && (status === 'done' || status === 'diverged')) setPhase('explained');
  }, [phase, status]);

  function run(): void {
    const parsed = tourStepConfig(step);
    if (!parsed.ok) {
      setError(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
      return;
    }
    setError(null);
    store.getState().loadConfig(parsed.config);
    store.getState().play();
    onFocusChart(step.chart);
    setPhase('running');
  }

  function next(): void {
    if (last) return onClose();
    setIndex(index + 1);
    setChoice(null);
    setPhase('predict');
  }

  return (
    <section className="tour" role="region" aria-label={`Guided tour: ${tour.title}`}>
      <header>
        <h2 ref={heading} tabIndex={-1}>
          Finding {tour.finding}: {tour.title}
        </h2>
        <span className="meta">
          step {index + 1} of {tour.steps.length}
        </span>
        <button type="button" onClick={onClose} aria-label="Close the tour">
          ✕
        </button>
      </header>
      <h3>{step.title}</h3>
      <fieldset disabled={phase !== 'predict'}>
        <legend>Predict: {step.question}</legend>
        {step.choices.map((c, i) => (
          <label key={c} className="check">
            <input type="radio" name={`tour-${tour.id}-${index}`} checked={choice === i} onChange={() => setChoice(i)} /> {c}
          </label>
        ))}
      </fieldset>
      {phase === 'predict' && (
        <button type="button" className="primary" disabled={choice === null} onClick={run}>
          Run it
        </button>
      )}
      {phase === 'running' && (
        <p role="status">
          Running… step {at} of {totalSteps}.{' '}
          <button type="button" onClick={() => setPhase('explained')}>
            Explain now
          </button>
        </p>
      )}
      {phase === 'explained' && (
        <div className="tour-explain" role="status">
          <p>
            <strong>{choice === step.answer ? 'Your prediction was right.' : `The run says: ${step.choices[step.answer]}.`}</strong> {step.explain}
          </p>
          <button type="button" className="primary" onClick={next}>
            {last ? 'Finish the tour' : 'Next step'}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          This step cannot run: {error}
        </p>
      )}
    </section>
  );
}
