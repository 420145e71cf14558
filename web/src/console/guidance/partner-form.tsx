// Create or edit an escalation partner: who they are, how escalations reach them (e-mail, phone, portal),
// which départements they cover (none = national), and whether they are offered at all.
import type { TPartner, TPartnerInput, TPartnerKind } from '@abri/contracts';
import { type FormEvent, useId, useState } from 'react';
import { CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { guidanceApi } from './api.ts';
import { PARTNER_CODE_PATTERN, PARTNER_KINDS, REGION_PATTERN } from './constants.ts';
import { errorAt, GuidanceError } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';
import { partnerKindName } from './labels.ts';

type Fields = {
  code: string;
  kind: TPartnerKind;
  name: string;
  email: string;
  phone: string;
  url: string;
  regions: string;
  notes: string;
  active: boolean;
};

function fieldsOf(partner: TPartner | null): Fields {
  return {
    code: partner?.code ?? '',
    kind: partner?.kind ?? 'child_protection',
    name: partner?.name ?? '',
    email: partner?.email ?? '',
    phone: partner?.phone ?? '',
    url: partner?.url ?? '',
    regions: partner?.regions.join(', ') ?? '',
    notes: partner?.notes ?? '',
    active: partner?.active ?? true,
  };
}

/** "75, 92 ,2a" → ["75", "92", "2A"]. */
export function parseRegions(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function PartnerForm({
  existing,
  onSaved,
  onCancel,
}: {
  existing: TPartner | null;
  onSaved: (partner: TPartner) => void;
  onCancel?: () => void;
}) {
  const t = useGuidanceT();
  const titleId = useId();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(existing));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState(false);
  const update = (patch: Partial<Fields>) => setFields((current) => ({ ...current, ...patch }));

  const regions = parseRegions(fields.regions);
  const badRegions = regions.filter((code) => !REGION_PATTERN.test(code));
  const codeProblem = PARTNER_CODE_PATTERN.test(fields.code.trim()) ? null : t('partners.codeInvalid');
  const regionsProblem =
    badRegions.length > 0 ? t('partners.regionsInvalid', { codes: badRegions.join(', ') }) : null;
  // The server's word on a field, else this form's own check once the person has tried to save.
  const fieldError = (field: keyof TPartnerInput, local: string | null = null) =>
    errorAt(error, field) ?? (checked ? local : null);
  const localProblems = checked && Boolean(codeProblem || regionsProblem || !fields.name.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setError(null);
    if (codeProblem || regionsProblem || !fields.name.trim()) return;
    setBusy(true);
    const input: TPartnerInput = {
      code: fields.code.trim(),
      kind: fields.kind,
      name: fields.name.trim(),
      email: orNull(fields.email),
      phone: orNull(fields.phone),
      url: orNull(fields.url),
      regions,
      notes: orNull(fields.notes),
      active: fields.active,
    };
    try {
      const saved = existing
        ? await guidanceApi.updatePartner(existing.id, input)
        : await guidanceApi.createPartner(input);
      onSaved(saved);
      setChecked(false);
      if (!existing) setFields({ ...fieldsOf(null), kind: fields.kind });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" aria-labelledby={titleId} onSubmit={(event) => void submit(event)} noValidate>
      <h2 id={titleId} className={existing ? 'visually-hidden' : undefined}>
        {existing ? t('partners.editTitle', { name: existing.name }) : t('partners.createTitle')}
      </h2>
      <div className="form-grid">
        <TextField
          label={t('partners.code')}
          hint={t('partners.codeHint')}
          value={fields.code}
          required
          maxLength={48}
          autoCapitalize="none"
          spellCheck={false}
          error={fieldError('code', codeProblem)}
          onChange={(event) => update({ code: event.target.value.toLowerCase() })}
        />
        <SelectField
          label={t('partners.kind')}
          value={fields.kind}
          onChange={(value) => {
            const kind = PARTNER_KINDS.find((entry) => entry === value);
            if (kind) update({ kind });
          }}
          options={PARTNER_KINDS.map((kind) => ({ value: kind, label: partnerKindName(t, kind) }))}
        />
        <TextField
          label={t('partners.name')}
          value={fields.name}
          required
          maxLength={120}
          error={fieldError('name', fields.name.trim() ? null : t('partners.required'))}
          onChange={(event) => update({ name: event.target.value })}
        />
        <TextField
          label={t('partners.email')}
          hint={t('partners.emailHint')}
          type="email"
          value={fields.email}
          maxLength={254}
          autoComplete="off"
          error={fieldError('email')}
          onChange={(event) => update({ email: event.target.value })}
        />
        <TextField
          label={t('partners.phone')}
          type="tel"
          inputMode="tel"
          value={fields.phone}
          maxLength={30}
          error={fieldError('phone')}
          onChange={(event) => update({ phone: event.target.value })}
        />
        <TextField
          label={t('partners.url')}
          hint={t('partners.urlHint')}
          type="url"
          value={fields.url}
          maxLength={500}
          error={fieldError('url')}
          onChange={(event) => update({ url: event.target.value })}
        />
        <TextField
          label={t('partners.regions')}
          hint={t('partners.regionsHint')}
          value={fields.regions}
          autoCapitalize="characters"
          spellCheck={false}
          error={fieldError('regions', regionsProblem) ?? errorAt(error, 'regions.0')}
          onChange={(event) => update({ regions: event.target.value })}
        />
      </div>
      <TextAreaField
        label={t('partners.notes')}
        hint={t('partners.notesHint')}
        rows={3}
        value={fields.notes}
        maxLength={2000}
        error={fieldError('notes')}
        onChange={(event) => update({ notes: event.target.value })}
      />
      <CheckboxField
        label={t('partners.active')}
        checked={fields.active}
        onChange={(event) => update({ active: event.target.checked })}
      />
      {localProblems && (
        <p className="notice notice--error" role="alert">
          {t('partners.fixFields')}
        </p>
      )}
      <GuidanceError error={error} />
      <div className="row-actions">
        <SubmitButton busy={busy}>{existing ? t('partners.save') : t('partners.create')}</SubmitButton>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('partners.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
