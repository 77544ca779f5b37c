import { useState } from 'react';
import type { RunResult } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { problemFromError, type Problem } from '../../i18n/problems';

/** "Find matches": runs the matching in the main process; `onRun` gets what it found. */
export function useRunMatches({ onStart, onRun }: { onStart: () => void; onRun: (result: RunResult) => void }) {
  const [running, setRunning] = useState(false);
  const [runProblem, setRunProblem] = useState<Problem>();

  const run = () => {
    setRunning(true);
    setRunProblem(undefined);
    onStart();
    call('reconcile.run', {}).then(
      (result) => {
        setRunning(false);
        onRun(result);
      },
      (e: unknown) => {
        setRunning(false);
        setRunProblem(problemFromError(e));
      },
    );
  };

  return { run, running, runProblem };
}
