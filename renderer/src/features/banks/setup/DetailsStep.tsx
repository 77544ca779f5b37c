import { useEffect, useEffectEvent, useState } from 'react';
import { BankAccessInput, type BankAccess, type EbicsVersion } from '../../../../../shared/domain';
import { call } from '../../../api/client';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { SelectField, TextField } from '../../../forms/controls';
import { useForm, type Form } from '../../../forms/useForm';
import { check, type Found } from '../../../forms/validate';
import { useDebounced } from '../../../hooks/useDebounced';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Problem } from '../../../i18n/problems';
import { bankProblem, highestVersion, VERSION_LABEL, VERSION_NUMBER, VERSIONS_NEWEST_FIRST } from '../access';
import { StepHeading } from './StepHeading';

export type DetailsValues = {
  name: string;
  hostUrl: string;
  hostId: string;
  partnerId: string;
  userId: string;
  /** '' until the bank answered or the user chose. */
  ebicsVersion: string;
  keySize: string;
  signatureVersion: string;
};

export const EMPTY_DETAILS: DetailsValues = {
  name: '',
  hostUrl: '',
  hostId: '',
  partnerId: '',
  userId: '',
  ebicsVersion: '',
  keySize: '2048',
  signatureVersion: 'A006',
};

export function detailsOf(a: BankAccess): DetailsValues {
  return {
    name: a.name,
    hostUrl: a.hostUrl,
    hostId: a.hostId,
    partnerId: a.partnerId,
    userId: a.userId,
    ebicsVersion: a.ebicsVersion,
    keySize: String(a.keySize),
    signatureVersion: a.signatureVersion,
  };
}

type Probe = { kind: 'idle' } | { kind: 'asking' } | { kind: 'answered'; versions: EbicsVersion[] } | { kind: 'failed'; problem: Problem };

const hostUrlOk = (s: string) => BankAccessInput.shape.hostUrl.safeParse(s).success;
const hostIdOk = (s: string) => BankAccessInput.shape.hostId.safeParse(s).success;

interface Props {
  /** The access being corrected (only before keys exist), or none yet. */
  access: BankAccess | undefined;
  initial: DetailsValues;
  isDemo: boolean;
  onSaved: (access: BankAccess) => void;
}

/**
 * Step 1: the user letter's data, checked as typed. As soon as host URL and
 * host ID look right, Kontor asks the bank (HEV) which EBICS versions it
 * speaks and preselects the newest.
 */
export function DetailsStep({ access, initial, isDemo, onSaved }: Props) {
  const { t } = useI18n();
  const [versionChosen, setVersionChosen] = useState(access !== undefined);
  const form = useForm({
    initial,
    validate: (v: DetailsValues) => {
      const found: Found = {};
      if (v.ebicsVersion === '') found.ebicsVersion = { code: 'select.required' };
      return check(
        BankAccessInput,
        {
          name: v.name,
          hostUrl: v.hostUrl,
          hostId: v.hostId,
          partnerId: v.partnerId,
          userId: v.userId,
          ebicsVersion: (v.ebicsVersion || 'H005') as EbicsVersion,
          keySize: Number(v.keySize) as 2048 | 3072 | 4096,
          signatureVersion: v.signatureVersion as 'A005' | 'A006',
          isDemo,
          amountLimitCents: access?.amountLimitCents ?? null,
        },
        found,
      );
    },
    submit: async (input) => onSaved(access ? await call('bankAccess.update', { id: access.id, values: input }) : await call('bankAccess.create', input)),
    codeFields: { 'ebics.insecureHostUrl': 'hostUrl' },
  });

  const { probe, versionOptions, probeText } = useVersionProbe(form, versionChosen);

  return (
    <form className="form wizard-form" noValidate onSubmit={form.onSubmit}>
      <StepHeading>{t('setup.details.title')}</StepHeading>
      <p>{t('setup.details.text')}</p>
      {isDemo && <p className="banner banner-info">{t('setup.details.demoNote')}</p>}
      <ErrorBanner problems={form.formProblems} />
      <div className="form-grid">
        <TextField form={form} name="name" label={t('access.field.name')} hint={t('access.field.nameHint')} required maxLength={70} className="span-2" />
        <TextField
          form={form}
          name="hostUrl"
          label={t('access.field.hostUrl')}
          hint={t('access.field.hostUrlHint')}
          required
          inputMode="url"
          className="span-2 mono-input"
        />
        <TextField form={form} name="hostId" label={t('access.field.hostId')} required maxLength={35} className="mono-input" />
        <div className="field-spacer" />
        <TextField
          form={form}
          name="partnerId"
          label={t('access.field.partnerId')}
          hint={t('access.field.partnerIdHint')}
          required
          maxLength={35}
          className="mono-input"
        />
        <TextField form={form} name="userId" label={t('access.field.userId')} required maxLength={35} className="mono-input" />
        <div className="span-2">
          <SelectField
            form={form}
            name="ebicsVersion"
            label={t('access.field.ebicsVersion')}
            required
            emptyLabel={t('common.choose')}
            options={versionOptions}
            onValue={(value) => {
              setVersionChosen(true);
              form.set('ebicsVersion', value);
            }}
          />
          <p className={`probe probe-${probe.kind}`} role="status" data-testid="probe-result">
            {probeText}
          </p>
        </div>
        <SelectField
          form={form}
          name="keySize"
          label={t('access.field.keySize')}
          hint={t('access.field.keySizeHint')}
          options={[
            { value: '2048', label: t('access.keySizeDefault', { bits: 2048 }) },
            { value: '3072', label: t('access.keySizeOption', { bits: 3072 }) },
            { value: '4096', label: t('access.keySizeOption', { bits: 4096 }) },
          ]}
        />
        <SelectField
          form={form}
          name="signatureVersion"
          label={t('access.field.signatureVersion')}
          hint={t('access.field.signatureVersionHint')}
          options={[
            { value: 'A006', label: t('access.signatureA006') },
            { value: 'A005', label: t('access.signatureA005') },
          ]}
        />
      </div>
      <div className="wizard-actions">
        <button type="submit" className="primary" disabled={form.submitting}>
          {form.submitting ? t('action.saving') : t('setup.details.save')}
        </button>
        <span className="form-note">{t('form.requiredNote')}</span>
      </div>
    </form>
  );
}

type DetailsForm = Form<DetailsValues>;

/** HEV once host URL and host ID have stopped changing and look valid; the newest version offered is preselected. */
function useVersionProbe(form: DetailsForm, versionChosen: boolean) {
  const { t, problem } = useI18n();
  const hostUrl = form.values.hostUrl.trim();
  const hostId = form.values.hostId.trim();
  const target = useDebounced(hostUrlOk(hostUrl) && hostIdOk(hostId) ? JSON.stringify({ hostUrl, hostId }) : '', 500);
  const [probe, setProbe] = useState<Probe>({ kind: 'idle' });
  const onVersions = useEffectEvent((versions: EbicsVersion[]) => {
    const best = highestVersion(versions);
    const current = form.values.ebicsVersion as EbicsVersion;
    if (best && (!versionChosen || !versions.includes(current))) form.patch({ ebicsVersion: best });
  });
  const onNoAnswer = useEffectEvent((e: unknown) => {
    // A version preselected for another host must not stand unasked: the user chooses from the letter.
    if (!versionChosen) form.patch({ ebicsVersion: '' });
    return bankProblem(e, t);
  });
  useEffect(() => {
    if (!target) {
      setProbe({ kind: 'idle' });
      return;
    }
    let current = true;
    setProbe({ kind: 'asking' });
    call('bankAccess.probe', JSON.parse(target) as { hostUrl: string; hostId: string }).then(
      ({ versions }) => {
        if (!current) return;
        setProbe({ kind: 'answered', versions });
        onVersions(versions);
      },
      (e: unknown) => {
        if (current) setProbe({ kind: 'failed', problem: onNoAnswer(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [target]);

  const offered = probe.kind === 'answered' ? probe.versions : null;
  const versionOptions = VERSIONS_NEWEST_FIRST.map((v) => {
    const label = `${VERSION_LABEL[v]} (${v})`;
    return { value: v, label: offered && !offered.includes(v) ? t('setup.probe.notOffered', { version: label }) : label };
  });

  let probeText = '';
  if (probe.kind === 'asking') probeText = t('setup.probe.asking');
  if (probe.kind === 'answered') {
    const numbers = [...probe.versions].sort().map((v) => VERSION_NUMBER[v]);
    probeText =
      numbers.length === 0
        ? t('setup.probe.none')
        : t('setup.probe.speaks', { versions: numbers.length === 2 ? t('setup.probe.and', { a: numbers[0]!, b: numbers[1]! }) : numbers.join(', ') });
  }
  if (probe.kind === 'failed') probeText = t('setup.probe.failed', { reason: problem(probe.problem) });

  return { probe, versionOptions, probeText };
}
