/** Progress of long work; an indeterminate bar until the total is known. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress">
      {total > 0 ? <progress aria-label={label} value={done} max={total} /> : <progress aria-label={label} />}
      <span className="progress-text" aria-hidden="true">
        {total > 0 ? `${Math.round((done / total) * 100)} %` : ''}
      </span>
    </div>
  );
}
