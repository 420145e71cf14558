// The fields of one language of a protocol: title and summary, one caller's steps and questions (their
// advice cards are in advice-editor.tsx), the red flags and the escalation. Every field shows the server's
// refusal of its value, found by the path of the server's details (errors.tsx).
import type { TPartnerKind, TProtocolBody, TProtocolCaller } from '@abri/contracts';
import { useId } from 'react';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { PARTNER_KINDS, RED_FLAG_NAMES, type TRedFlagName } from './constants.ts';
import { errorAt, listErrorAt } from './errors.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';
import { flagName, partnerKindName, stepName } from './labels.ts';
import { LinesField } from './lines-field.tsx';

export type EditBody = (mutate: (draft: TProtocolBody) => void) => void;
export type Language = 'fr' | 'en';

type Props = { draft: TProtocolBody; language: Language; edit: EditBody; error: unknown };

/** The path of a value of the protocol, as the server names it in the details of a refusal. */
export const bodyPath = (rest: string) => `body.${rest}`;

export const lineError = (t: GuidanceT) => (line: number, message: string) =>
  t('form.lineError', { line, message });

export function TitleFields({ draft, language, edit, error }: Props) {
  const t = useGuidanceT();
  const text = draft[language];
  return (
    <div className="form">
      <TextField
        label={t('form.title')}
        lang={language}
        value={text.title}
        required
        maxLength={120}
        error={errorAt(error, bodyPath(`${language}.title`))}
        onChange={(event) =>
          edit((next) => {
            next[language].title = event.target.value;
          })
        }
      />
      <TextAreaField
        label={t('form.summary')}
        hint={t('form.summaryHint')}
        lang={language}
        rows={4}
        value={text.summary}
        required
        maxLength={1500}
        error={errorAt(error, bodyPath(`${language}.summary`))}
        onChange={(event) =>
          edit((next) => {
            next[language].summary = event.target.value;
          })
        }
      />
    </div>
  );
}

export function CallerFields({ caller, ...props }: Props & { caller: TProtocolCaller }) {
  const t = useGuidanceT();
  const { draft, language, edit, error } = props;
  const guide = draft[language].callers[caller];
  const base = `${language}.callers.${caller}`;
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('form.stepsLegend')}</legend>
        <p className="field__hint">{t('form.stepsHint')}</p>
        <div className="form">
          {guide.steps.map((entry, index) => (
            <TextAreaField
              key={entry.step}
              label={t('form.stepLabel', { index: index + 1, step: stepName(t, entry.step) })}
              lang={language}
              rows={3}
              value={entry.guidance}
              required
              maxLength={1500}
              error={
                errorAt(error, bodyPath(`${base}.steps.${index}.guidance`)) ??
                errorAt(error, bodyPath(`${base}.steps.${index}`))
              }
              onChange={(event) =>
                edit((next) => {
                  next[language].callers[caller].steps[index]!.guidance = event.target.value;
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('form.questionsLegend')}</legend>
        <LinesField
          label={t('form.questions')}
          hint={t('form.questionsHint')}
          lang={language}
          value={guide.questions}
          error={listErrorAt(error, bodyPath(`${base}.questions`), lineError(t))}
          onChange={(lines) =>
            edit((next) => {
              next[language].callers[caller].questions = lines;
            })
          }
        />
      </fieldset>
    </>
  );
}

export function RedFlagsEditor({ draft, language, edit, error }: Props) {
  const t = useGuidanceT();
  const id = useId();
  const flags = draft[language].redFlags;
  const base = `${language}.redFlags`;
  const listError = errorAt(error, bodyPath(base));
  return (
    <fieldset className="fieldset" aria-describedby={listError ? `${id}-error` : undefined}>
      <legend>{t('form.redFlagsLegend')}</legend>
      <p className="field__hint">{t('form.redFlagsHint')}</p>
      {listError && (
        <p id={`${id}-error`} className="field__error">
          {listError}
        </p>
      )}
      {flags.map((entry, index) => {
        const position = index + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: red flags have no identity; keyed by position
          <div key={index} className="guidance-row">
            <div className="field field--narrow">
              <label htmlFor={`${id}-flag-${index}`} className="field__label">
                {t('form.redFlagDetector', { index: position })}
              </label>
              <select
                id={`${id}-flag-${index}`}
                className="field__input"
                value={entry.flag ?? ''}
                onChange={(event) =>
                  edit((next) => {
                    const value = event.target.value;
                    next[language].redFlags[index]!.flag = (RED_FLAG_NAMES as readonly string[]).includes(
                      value,
                    )
                      ? (value as TRedFlagName)
                      : null;
                  })
                }
              >
                <option value="">{t('form.noDetectorFlag')}</option>
                {RED_FLAG_NAMES.map((flag) => (
                  <option key={flag} value={flag}>
                    {flagName(t, flag)}
                  </option>
                ))}
              </select>
            </div>
            <TextField
              label={t('form.redFlagText', { index: position })}
              lang={language}
              value={entry.text}
              required
              maxLength={500}
              error={errorAt(error, bodyPath(`${base}.${index}.text`))}
              onChange={(event) =>
                edit((next) => {
                  next[language].redFlags[index]!.text = event.target.value;
                })
              }
            />
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => edit((next) => void next[language].redFlags.splice(index, 1))}
            >
              {t('form.removeRedFlag', { index: position })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        onClick={() => edit((next) => void next[language].redFlags.push({ flag: null, text: '' }))}
      >
        {t('form.addRedFlag')}
      </button>
    </fieldset>
  );
}

export function EscalationEditor({ draft, language, edit, error }: Props) {
  const t = useGuidanceT();
  const id = useId();
  const escalation = draft[language].escalation;
  const base = `${language}.escalation`;
  const partnersError = listErrorAt(error, bodyPath(`${base}.partners`), lineError(t));
  const toggle = (kind: TPartnerKind, on: boolean) =>
    edit((next) => {
      // Which partners to involve does not depend on the language: both languages change together.
      const current = next[language].escalation.partners;
      const partners = PARTNER_KINDS.filter((entry) => (entry === kind ? on : current.includes(entry)));
      next.fr.escalation.partners = partners;
      next.en.escalation.partners = [...partners];
    });
  return (
    <fieldset className="fieldset">
      <legend>{t('form.escalationLegend')}</legend>
      <LinesField
        label={t('form.escalationSteps')}
        hint={t('form.escalationStepsHint')}
        lang={language}
        value={escalation.steps}
        error={listErrorAt(error, bodyPath(`${base}.steps`), lineError(t))}
        onChange={(lines) =>
          edit((next) => {
            next[language].escalation.steps = lines;
          })
        }
      />
      <fieldset className="fieldset" aria-describedby={partnersError ? `${id}-error` : undefined}>
        <legend>{t('form.escalationPartners')}</legend>
        <p className="field__hint">{t('form.bothLanguages')}</p>
        {partnersError && (
          <p id={`${id}-error`} className="field__error">
            {partnersError}
          </p>
        )}
        <div className="checkbox-row">
          {PARTNER_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              label={partnerKindName(t, kind)}
              checked={escalation.partners.includes(kind)}
              onChange={(event) => toggle(kind, event.target.checked)}
            />
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}
