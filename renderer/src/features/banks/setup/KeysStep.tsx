import { useEffect, useEffectEvent, useState, type FormEvent } from 'react';
import type { BankAccess, Progress } from '../../../../../shared/domain';
import { call, subscribe } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { ProgressBar } from '../../../components/ProgressBar';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/en';
import type { Problem } from '../../../i18n/problems';
import { bankProblem } from '../access';
import { ImportKeysForm } from '../ImportKeysForm';
import { StepHeading } from './StepHeading';

/** The three things `bankAccess.initialise` does, in order, and the state each one reaches. */
const TASKS: { label: MessageKey; reaches: BankAccess['state'] }[] = [
  { label: 'setup.keys.task.keys', reaches: 'keys_created' },
  { label: 'setup.keys.task.ini', reaches: 'ini_sent' },
  { label: 'setup.keys.task.hia', reaches: 'hia_sent' },
];
const ORDER: BankAccess['state'][] = ['new', 'keys_created', 'ini_sent', 'hia_sent'];

/** Progress events of the initialisation: `keys`, `ini`, `hia`, `done` (possibly behind a prefix). */
const INIT_PROGRESS = /(^|[^a-z])(keys|ini|hia|done)$/i;

type TaskState = 'done' | 'running' | 'failed' | 'todo';
const TASK_WORD: Record<TaskState, MessageKey> = {
  done: 'setup.task.done',
  running: 'setup.task.running',
  failed: 'setup.task.failed',
  todo: 'setup.task.todo',
};

export function taskStates(state: BankAccess['state'], progressDone: number, running: boolean, failed: boolean): TaskState[] {
  const reached = state === 'bank_keys_fetched' || state === 'ready' ? TASKS.length : Math.max(ORDER.indexOf(state), 0);
  const finished = Math.min(Math.max(reached, running ? progressDone : 0), TASKS.length);
  return TASKS.map((_, i) => (i < finished ? 'done' : i === finished && running ? 'running' : i === finished && failed ? 'failed' : 'todo'));
}

interface Props {
  access: BankAccess;
  onChange: (access: BankAccess) => void;
  /** INI and HIA are through. */
  onDone: (access: BankAccess) => void;
  /** Keys came from a file: the bank knows them already. */
  onImported: (access: BankAccess) => void;
  /** Back to the bank details; only before keys exist. */
  onBack?: (() => void) | undefined;
}

/** Step 2: keys created on this computer, INI and HIA sent; resumable after any failure. */
export function KeysStep({ access, onChange, onDone, onImported, onBack }: Props) {
  const { t } = useI18n();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [failed, setFailed] = useState<Problem>();
  const [importing, setImporting] = useState(false);

  const onProgress = useEffectEvent((p: Progress) => {
    if (running && (INIT_PROGRESS.test(p.label) || p.label.startsWith('bankAccess.initialise'))) setProgress(p);
  });
  useEffect(() => subscribe('progress', (p) => onProgress(p)), []);

  const start = (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    setRunning(true);
    setFailed(undefined);
    setProgress(undefined);
    call('bankAccess.initialise', { id: access.id }).then(
      (a) => {
        setRunning(false);
        onChange(a);
        onDone(a);
      },
      async (err: unknown) => {
        setFailed(bankProblem(err, t));
        // What got through is recorded by the service: show it per step.
        const now = await call('bankAccess.get', { id: access.id }).catch(() => access);
        setRunning(false);
        setProgress(undefined);
        onChange(now);
      },
    );
  };

  const states = taskStates(access.state, progress?.done ?? 0, running, failed !== undefined);
  return (
    <>
      <form className="form wizard-form" noValidate onSubmit={start}>
        <StepHeading>{t('setup.keys.title')}</StepHeading>
        <p>{t('setup.keys.text', { signature: access.signatureVersion, bits: access.keySize })}</p>
        <p>{t('setup.keys.text2')}</p>
        <ul className="task-list" aria-label={t('setup.keys.tasks')} data-testid="init-tasks">
          {TASKS.map((task, i) => (
            <li key={task.label} className={`task task-${states[i]}`}>
              <span className="task-marker" aria-hidden="true">
                {states[i] === 'done' ? '✓' : states[i] === 'failed' ? '✗' : states[i] === 'running' ? '…' : '○'}
              </span>
              <span className="task-name">{t(task.label)}</span>
              <span className="task-state">{t(TASK_WORD[states[i]!])}</span>
            </li>
          ))}
        </ul>
        {running && <ProgressBar label={t('setup.keys.progress')} done={progress?.done ?? 0} total={progress?.total ?? 0} />}
        <ErrorBanner problems={[failed]} />
        {failed && <p className="muted">{t('setup.keys.failedHint')}</p>}
        <div className="wizard-actions">
          <button type="submit" className="primary" disabled={running}>
            {failed ? t('setup.keys.retry') : t('setup.keys.start')}
          </button>
          {onBack && (
            <button type="button" onClick={onBack} disabled={running}>
              {t('setup.back')}
            </button>
          )}
          {access.state === 'new' && (
            <button type="button" className="link" onClick={() => setImporting(true)} disabled={running}>
              {t('setup.keys.haveKeys')}
            </button>
          )}
        </div>
      </form>
      {importing && (
        <ImportKeysForm
          access={access}
          onClose={() => setImporting(false)}
          onImported={(a) => {
            setImporting(false);
            onImported(a);
          }}
        />
      )}
    </>
  );
}
