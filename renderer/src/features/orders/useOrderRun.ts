import { useEffect, useState } from 'react';
import { subscribe } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { isUploadProgressOf, orderProblem } from './labels';

/**
 * Runs one action on order `id` at a time: which one is busy, its notice or
 * problem, the upload's progress from the main process, and a reload of the
 * order after each action, whatever its outcome.
 */
export function useOrderRun(id: number, reload: () => void) {
  const tr = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  useEffect(() => {
    if (busy !== 'upload') return;
    return subscribe('progress', (p) => {
      if (isUploadProgressOf(p, id)) setProgress({ done: p.done, total: p.total });
    });
  }, [busy, id]);

  async function run(name: string, work: () => Promise<string | undefined>) {
    setBusy(name);
    setFailed(undefined);
    setNotice(undefined);
    try {
      const text = await work();
      if (text) setNotice(text);
    } catch (e) {
      setFailed(orderProblem(e, tr));
    } finally {
      setBusy(null);
      setProgress(null);
      reload();
    }
  }

  return { busy, failed, notice, setNotice, progress, setProgress, run };
}
