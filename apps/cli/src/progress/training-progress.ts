import type { ImportProgress } from '@app/importer';
import type { TrainingProgress } from '@app/recommendations';

/** Shows the trainer's phases one after another on an import-style progress display. */
export function trainingProgress(display: ImportProgress): {
  update: (progress: TrainingProgress) => void;
  stop: () => void;
} {
  let phase: string | null = null;
  return {
    update: ({ phase: next, done, total }) => {
      if (next !== phase) {
        if (phase !== null) display.stop();
        phase = next;
        display.start(next, total);
      }
      display.update(done, done);
    },
    stop: () => {
      if (phase !== null) display.stop();
      phase = null;
    },
  };
}
