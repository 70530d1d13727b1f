// A/B comparison: a second lane (its own worker and data) that follows the first one's play,
// pause, step and reset, so both configurations advance together on the same seeds (common
// random numbers: the counter RNG gives equal seeds equal draws).
import type { LabStore } from './labStore';

export function followLane(a: LabStore, b: LabStore): () => void {
  return a.subscribe((s, prev) => {
    const lane = b.getState();
    if (s.runId !== prev.runId) {
      lane.reset();
      return;
    }
    if (s.status === prev.status && s.step === prev.step) return;
    if (s.status === 'running' && prev.status !== 'running') lane.play();
    else if (s.status === 'paused' && prev.status === 'running') lane.pause();
    else if (s.status === 'paused' && lane.status !== 'running' && s.step > lane.step) lane.stepOnce(s.step - lane.step);
  });
}
