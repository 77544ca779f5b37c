import { ProgressBar } from '../../../components/ProgressBar';
import { useI18n } from '../../../i18n/I18nProvider';
import { SETUP_STEPS, STEP_LABEL, type SetupStep } from '../access';

/** Where the user is in the setup: every step by name, the done ones ticked, and how far it is. */
export function StepList({ current }: { current: SetupStep }) {
  const { t } = useI18n();
  const index = SETUP_STEPS.indexOf(current);
  const last = SETUP_STEPS.length - 1;
  return (
    <section className="step-list" aria-label={t('setup.steps')}>
      <p className="step-count">{t('setup.stepOf', { n: index + 1, total: SETUP_STEPS.length })}</p>
      <ProgressBar label={t('setup.progress')} done={index} total={last} />
      <ol>
        {SETUP_STEPS.map((step, i) => {
          const state = i < index || (i === last && i === index) ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={step} className={`step step-${state}`} aria-current={i === index ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="step-name">{t(STEP_LABEL[step])}</span>
              {state === 'done' && <span className="sr-only"> ({t('setup.stepDone')})</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
