// The assessment of an item (INHOPE-style): classification, content type, the victim's age band and gender
// when it is about child sexual abuse, the kind of site, the offences, notes. An edit sends the revision
// it started from; when someone saved in between the server refuses it and the edits stay on screen.
import type { THotlineAssessmentInput, THotlineItem, TLegalOffence } from '@abri/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { RadioGroupField, SubmitButton, TextAreaField } from '../../ui/fields.tsx';
import { formatDateTime } from '../format.ts';
import { hotlineApi } from './api.ts';
import {
  HOTLINE_CLASSIFICATIONS,
  HOTLINE_CONTENT_TYPES,
  HOTLINE_SITE_TYPES,
  HOTLINE_VICTIM_AGES,
  HOTLINE_VICTIM_GENDERS,
  VICTIM_CATEGORIES,
} from './constants.ts';
import { fieldErrors, HotlineError, isCode } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';
import { OffencesPicker } from './offences-picker.tsx';

type Draft = {
  classification: string;
  contentType: string;
  victimAge: string;
  victimGender: string;
  siteType: string;
  offences: string[];
  notes: string;
};

function draftOf(item: THotlineItem): Draft {
  const assessment = item.assessment;
  return {
    classification: assessment?.classification ?? '',
    contentType: assessment?.contentType ?? '',
    victimAge: assessment?.victimAge ?? '',
    victimGender: assessment?.victimGender ?? '',
    siteType: assessment?.siteType ?? '',
    offences: assessment?.offences ?? [],
    notes: assessment?.notes ?? '',
  };
}

type Props = {
  item: THotlineItem;
  offences: TLegalOffence[];
  onSaved: (item: THotlineItem, message: string) => void;
  onReload: () => void;
};

export function AssessmentForm({ item, offences, onSaved, onReload }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const chosenCsam = draft.offences.some((id) => offences.find((offence) => offence.id === id)?.csam);
  const showVictim =
    VICTIM_CATEGORIES.includes(item.category) || chosenCsam || !!draft.victimAge || !!draft.victimGender;
  const conflict = isCode(error, 'HOTLINE_ASSESSMENT_CONFLICT');
  const server = fieldErrors(error);
  const errors = { ...server, ...missing };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const required: Record<string, string> = {};
    for (const key of ['classification', 'contentType', 'siteType'] as const) {
      if (!draft[key]) required[key] = t('assessment.required');
    }
    if (draft.classification && draft.classification !== 'not_illegal' && draft.offences.length === 0) {
      required.offences = t('assessment.offenceRequired');
    }
    setMissing(required);
    if (Object.keys(required).length > 0) {
      setError(null);
      headingRef.current?.focus();
      return;
    }
    const input = {
      classification: draft.classification,
      contentType: draft.contentType,
      victimAge: showVictim && draft.victimAge ? draft.victimAge : null,
      victimGender: showVictim && draft.victimGender ? draft.victimGender : null,
      siteType: draft.siteType,
      offences: draft.offences,
      ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
      ...(item.assessment ? { revision: item.assessment.revision } : {}),
    } as THotlineAssessmentInput;
    setBusy(true);
    setError(null);
    try {
      onSaved(await hotlineApi.assess(item.id, input), t('assessment.saved'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const option = (value: string, label: string) => ({ value, label });
  const choose = option('', t('assessment.choose'));
  const unset = option('', t('assessment.notSet'));
  return (
    <section className="card" aria-labelledby="hotline-assessment-title" data-testid="hotline-assessment">
      <h2 id="hotline-assessment-title" ref={headingRef} tabIndex={-1}>
        {t('assessment.title')}
      </h2>
      {item.assessment ? (
        <p className="muted">
          {t('assessment.meta', {
            revision: item.assessment.revision,
            by: item.assessment.assessedByName ?? t('history.system'),
            when: formatDateTime(item.assessment.assessedAt, i18n.language),
          })}
        </p>
      ) : (
        <p className="muted">{t('assessment.none')}</p>
      )}
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('assessment.title')}
      >
        <RadioGroupField
          legend={t('assessment.classification')}
          name="classification"
          value={draft.classification || null}
          onChange={(value) => set('classification', value)}
          error={errors.classification}
          options={HOTLINE_CLASSIFICATIONS.map((value) => option(value, t(`classification.${value}`)))}
        />
        <div className="form-grid form-grid--dense">
          <Select
            label={t('assessment.contentType')}
            value={draft.contentType}
            error={errors.contentType}
            onChange={(value) => set('contentType', value)}
            options={[
              choose,
              ...HOTLINE_CONTENT_TYPES.map((value) => option(value, t(`contentType.${value}`))),
            ]}
          />
          <Select
            label={t('assessment.siteType')}
            value={draft.siteType}
            error={errors.siteType}
            onChange={(value) => set('siteType', value)}
            options={[choose, ...HOTLINE_SITE_TYPES.map((value) => option(value, t(`siteType.${value}`)))]}
          />
          {showVictim && (
            <>
              <Select
                label={t('assessment.victimAge')}
                value={draft.victimAge}
                error={errors.victimAge}
                onChange={(value) => set('victimAge', value)}
                options={[
                  unset,
                  ...HOTLINE_VICTIM_AGES.map((value) => option(value, t(`victimAge.${value}`))),
                ]}
              />
              <Select
                label={t('assessment.victimGender')}
                value={draft.victimGender}
                error={errors.victimGender}
                onChange={(value) => set('victimGender', value)}
                options={[
                  unset,
                  ...HOTLINE_VICTIM_GENDERS.map((value) => option(value, t(`victimGender.${value}`))),
                ]}
              />
            </>
          )}
        </div>
        <OffencesPicker
          offences={offences}
          value={draft.offences}
          onChange={(value) => set('offences', value)}
          error={errors.offences}
        />
        <TextAreaField
          label={t('assessment.notes')}
          hint={t('assessment.notesHint')}
          rows={4}
          maxLength={4000}
          value={draft.notes}
          error={errors.notes}
          onChange={(event) => set('notes', event.target.value)}
        />
        {conflict ? (
          <div className="notice notice--error" role="alert">
            <p className="notice__text">{t('assessment.conflict')}</p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('assessment.conflictReload')}
            </button>
          </div>
        ) : (
          <HotlineError
            error={error}
            labels={{
              classification: t('assessment.classification'),
              contentType: t('assessment.contentType'),
              siteType: t('assessment.siteType'),
              victimAge: t('assessment.victimAge'),
              victimGender: t('assessment.victimGender'),
              offences: t('assessment.offences'),
              notes: t('assessment.notes'),
            }}
          />
        )}
        {Object.keys(missing).length > 0 && (
          <p className="field__error" role="alert">
            {t('assessment.fixErrors')}
          </p>
        )}
        <div className="actions">
          <SubmitButton busy={busy}>{t('assessment.save')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}

/** A select with a hint-free label and its error tied to it (ui/fields' SelectField has no error). */
function Select(props: {
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      <select
        id={id}
        className="field__input"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p id={`${id}-error`} className="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}
