// Editors of the settings page: phone numbers, weekly opening hours, closing days (lists), live chat.
// Rows have no identity of their own, so they are keyed by position; all inputs are controlled.
import type { TSettings, TWeekday } from '@abri/contracts';
import { useId } from 'react';
import { ApiError } from '../api/client.ts';
import { useTranslation } from '../i18n/index.ts';
import { CheckboxField, SelectField, TextField } from '../ui/fields.tsx';
import { ASSIGNMENT_MODES, CHAT_NUMBER_BOUNDS, type TChatNumberKey, WEEKDAYS } from './constants.ts';

export type Edit = (mutate: (draft: TSettings) => void) => void;

/** Whether the server refused the value at `path` of the settings (its details say `body.<path>…`). */
export function refused(error: unknown, path: string): boolean {
  if (!(error instanceof ApiError)) return false;
  const full = `body.${path}`;
  return error.details.some((detail) => detail.path === full || detail.path?.startsWith(`${full}.`));
}

export function PhoneNumbersEditor({ settings, edit }: { settings: TSettings; edit: Edit }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="phones-title">
      <h2 id="phones-title">{t('console.settings.phonesTitle')}</h2>
      {settings.phoneNumbers.map((phone, index) => {
        const position = index + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are keyed by position (see above)
          <fieldset key={index} className="fieldset">
            <legend>{t('console.settings.phoneLegend', { index: position })}</legend>
            <div className="form-grid form-grid--dense">
              <TextField
                label={t('console.settings.number')}
                value={phone.number}
                inputMode="tel"
                required
                maxLength={20}
                onChange={(event) =>
                  edit((draft) => {
                    draft.phoneNumbers[index]!.number = event.target.value;
                  })
                }
              />
              <TextField
                label={t('console.settings.labelFr')}
                lang="fr"
                value={phone.label.fr}
                required
                onChange={(event) =>
                  edit((draft) => {
                    draft.phoneNumbers[index]!.label.fr = event.target.value;
                  })
                }
              />
              <TextField
                label={t('console.settings.labelEn')}
                lang="en"
                value={phone.label.en}
                required
                onChange={(event) =>
                  edit((draft) => {
                    draft.phoneNumbers[index]!.label.en = event.target.value;
                  })
                }
              />
              <SelectField
                label={t('console.settings.kind')}
                value={phone.kind}
                onChange={(value) =>
                  edit((draft) => {
                    draft.phoneNumbers[index]!.kind = value === 'sms' ? 'sms' : 'voice';
                  })
                }
                options={[
                  { value: 'voice', label: t('console.settings.kindVoice') },
                  { value: 'sms', label: t('console.settings.kindSms') },
                ]}
              />
            </div>
            <div className="actions">
              <CheckboxField
                label={t('console.settings.emergency')}
                checked={phone.emergency}
                onChange={(event) =>
                  edit((draft) => {
                    draft.phoneNumbers[index]!.emergency = event.target.checked;
                  })
                }
              />
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => edit((draft) => void draft.phoneNumbers.splice(index, 1))}
              >
                {t('console.settings.removePhone', { index: position })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          edit((draft) => {
            draft.phoneNumbers.push({
              number: '',
              label: { fr: '', en: '' },
              kind: 'voice',
              emergency: false,
            });
          })
        }
      >
        {t('console.settings.addPhone')}
      </button>
    </section>
  );
}

const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';

export function WeeklyHoursEditor({ settings, edit }: { settings: TSettings; edit: Edit }) {
  const { t } = useTranslation();
  const slotsOf = (draft: TSettings, day: TWeekday) => draft.openingHours.weekly[day];
  return (
    <section className="card" aria-labelledby="hours-title">
      <h2 id="hours-title">{t('console.settings.hoursTitle')}</h2>
      {WEEKDAYS.map((day) => {
        const dayName = t(`weekdays.${day}`);
        const slots = settings.openingHours.weekly[day] ?? [];
        return (
          <fieldset key={day} className="fieldset">
            <legend>{dayName}</legend>
            {slots.length === 0 && <p className="muted">{t('console.settings.closedDay')}</p>}
            {slots.map((slot, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are keyed by position (see above)
              <div key={index} className="slot">
                <TextField
                  label={t('console.settings.slotOpen')}
                  value={slot.open}
                  placeholder="09:00"
                  pattern={TIME_PATTERN}
                  inputMode="numeric"
                  required
                  maxLength={5}
                  onChange={(event) =>
                    edit((draft) => {
                      slotsOf(draft, day)[index]!.open = event.target.value;
                    })
                  }
                />
                <TextField
                  label={t('console.settings.slotClose')}
                  value={slot.close}
                  placeholder="18:00"
                  pattern={TIME_PATTERN}
                  inputMode="numeric"
                  required
                  maxLength={5}
                  onChange={(event) =>
                    edit((draft) => {
                      slotsOf(draft, day)[index]!.close = event.target.value;
                    })
                  }
                />
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => edit((draft) => void slotsOf(draft, day).splice(index, 1))}
                >
                  {t('console.settings.removeSlot', { index: index + 1, day: dayName })}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--small"
              onClick={() =>
                edit((draft) => void slotsOf(draft, day).push({ open: '09:00', close: '18:00' }))
              }
            >
              {t('console.settings.addSlot', { day: dayName })}
            </button>
          </fieldset>
        );
      })}
    </section>
  );
}

export function HolidaysEditor({ settings, edit }: { settings: TSettings; edit: Edit }) {
  const { t } = useTranslation();
  const holidays = settings.openingHours.holidays;
  return (
    <section className="card" aria-labelledby="holidays-title">
      <h2 id="holidays-title">{t('console.settings.holidaysTitle')}</h2>
      {holidays.length === 0 && <p className="muted">{t('console.settings.noHolidays')}</p>}
      <div className="form-grid form-grid--dense">
        {holidays.map((date, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are keyed by position (see above)
          <div key={index} className="slot">
            <TextField
              label={t('console.settings.holiday', { index: index + 1 })}
              type="date"
              value={date}
              required
              onChange={(event) =>
                edit((draft) => {
                  draft.openingHours.holidays[index] = event.target.value;
                })
              }
            />
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => edit((draft) => void draft.openingHours.holidays.splice(index, 1))}
            >
              {t('console.settings.removeHoliday', { index: index + 1 })}
            </button>
          </div>
        ))}
      </div>
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          edit((draft) => void draft.openingHours.holidays.push(new Date().toISOString().slice(0, 10)))
        }
      >
        {t('console.settings.addHoliday')}
      </button>
    </section>
  );
}

const CHAT_NUMBER_KEYS = Object.keys(CHAT_NUMBER_BOUNDS) as TChatNumberKey[];

/**
 * The live chat's rules. A number field left empty holds NaN (sent as null), so the server refuses it
 * by name like any other wrong value; `saveError` is the last refusal, shown on the fields it names.
 */
export function ChatSettingsEditor({
  settings,
  edit,
  saveError,
}: {
  settings: TSettings;
  edit: Edit;
  saveError: unknown;
}) {
  const { t } = useTranslation();
  const id = useId();
  const modeRefused = refused(saveError, 'chat.assignmentMode');
  return (
    <section className="card settings-chat" aria-labelledby="chat-title">
      <h2 id="chat-title">{t('console.settings.chat.title')}</h2>
      <fieldset className="fieldset choices" aria-describedby={modeRefused ? `${id}-mode-error` : undefined}>
        <legend>{t('console.settings.chat.assignmentMode')}</legend>
        {modeRefused && (
          <p id={`${id}-mode-error`} className="field__error">
            {t('console.settings.chat.modeInvalid')}
          </p>
        )}
        {ASSIGNMENT_MODES.map((mode) => {
          const name = mode === 'auto' ? 'modeAuto' : 'modeManual';
          return (
            <div key={mode} className="choice choice--described">
              <input
                id={`${id}-${mode}`}
                type="radio"
                name="chat-assignment-mode"
                value={mode}
                checked={settings.chat.assignmentMode === mode}
                aria-describedby={`${id}-${mode}-hint`}
                onChange={() =>
                  edit((draft) => {
                    draft.chat.assignmentMode = mode;
                  })
                }
              />
              <div>
                <label htmlFor={`${id}-${mode}`}>{t(`console.settings.chat.${name}`)}</label>
                <p id={`${id}-${mode}-hint`} className="field__hint">
                  {t(`console.settings.chat.${name}Hint`)}
                </p>
              </div>
            </div>
          );
        })}
      </fieldset>
      <div className="form-grid">
        {CHAT_NUMBER_KEYS.map((key) => {
          const { min, max } = CHAT_NUMBER_BOUNDS[key];
          const value = settings.chat[key];
          return (
            <TextField
              key={key}
              label={t(`console.settings.chat.${key}`)}
              hint={`${t(`console.settings.chat.${key}Hint`)} ${t('console.settings.chat.bounds', { min, max })}`}
              error={
                refused(saveError, `chat.${key}`) ? t('console.settings.chat.range', { min, max }) : null
              }
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              step={1}
              required
              value={Number.isFinite(value) ? value : ''}
              onChange={(event) => {
                const text = event.target.value.trim();
                edit((draft) => {
                  draft.chat[key] = text === '' ? Number.NaN : Number(text);
                });
              }}
            />
          );
        })}
      </div>
    </section>
  );
}
