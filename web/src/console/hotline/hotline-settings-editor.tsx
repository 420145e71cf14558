// The hotline's settings (settings.hotline), a section of the settings page: who signs the notices and
// referrals (the organisation, never a reporter), its trusted-flagger status, where PHAROS referrals are
// e-mailed, how removals are followed, when analysts are offered a break, how long reporters' addresses
// are kept. Follows the page's other editors: controlled inputs, the server's refusals on the fields.
import './hotline.css';
import type { TSettings } from '@abri/contracts';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { type Edit, refused } from '../settings-editors.tsx';
import { HOTLINE_NUMBER_BOUNDS, type HotlineNumberKey } from './constants.ts';
import { useHotlineT } from './i18n.ts';

const NUMBER_KEYS = Object.keys(HOTLINE_NUMBER_BOUNDS) as HotlineNumberKey[];
const NOTIFIER_TEXT = ['organisation', 'contactName'] as const;

export function HotlineSettingsEditor({
  settings,
  edit,
  saveError,
}: {
  settings: TSettings;
  edit: Edit;
  saveError: unknown;
}) {
  const t = useHotlineT();
  // Settings read from a server that predates the hotline analysis have none: nothing to edit then.
  const hotline = settings.hotline as TSettings['hotline'] | undefined;
  if (!hotline) return null;
  const invalidEmail = (path: string) => (refused(saveError, path) ? t('settings.emailInvalid') : null);
  return (
    <section className="card settings-hotline" aria-labelledby="hotline-settings-title">
      <h2 id="hotline-settings-title">{t('settings.title')}</h2>

      <fieldset className="fieldset">
        <legend>{t('settings.notifier')}</legend>
        <p className="field__hint">{t('settings.notifierHint')}</p>
        <div className="form-grid">
          {NOTIFIER_TEXT.map((key) => (
            <TextField
              key={key}
              label={t(`settings.${key}`)}
              required={key === 'organisation'}
              maxLength={200}
              value={hotline.notifier[key]}
              error={
                refused(saveError, `hotline.notifier.${key}`) ? t('settings.textInvalid', { max: 200 }) : null
              }
              onChange={(event) =>
                edit((draft) => {
                  draft.hotline.notifier[key] = event.target.value;
                })
              }
            />
          ))}
          <TextField
            label={t('settings.notifierEmail')}
            type="email"
            required
            maxLength={254}
            value={hotline.notifier.email}
            error={invalidEmail('hotline.notifier.email')}
            onChange={(event) =>
              edit((draft) => {
                draft.hotline.notifier.email = event.target.value;
              })
            }
          />
        </div>
        <TextAreaField
          label={t('settings.address')}
          rows={3}
          maxLength={500}
          value={hotline.notifier.address}
          error={
            refused(saveError, 'hotline.notifier.address') ? t('settings.textInvalid', { max: 500 }) : null
          }
          onChange={(event) =>
            edit((draft) => {
              draft.hotline.notifier.address = event.target.value;
            })
          }
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('settings.trustedFlagger')}</legend>
        <CheckboxField
          label={t('settings.trustedFlaggerStatus')}
          checked={hotline.trustedFlagger.status}
          onChange={(event) =>
            edit((draft) => {
              draft.hotline.trustedFlagger.status = event.target.checked;
            })
          }
        />
        <TextField
          label={t('settings.trustedFlaggerReference')}
          hint={t('settings.trustedFlaggerReferenceHint')}
          maxLength={300}
          value={hotline.trustedFlagger.reference}
          error={
            refused(saveError, 'hotline.trustedFlagger.reference')
              ? t('settings.textInvalid', { max: 300 })
              : null
          }
          onChange={(event) =>
            edit((draft) => {
              draft.hotline.trustedFlagger.reference = event.target.value;
            })
          }
        />
      </fieldset>

      <TextField
        label={t('settings.pharosEmail')}
        hint={t('settings.pharosEmailHint')}
        type="email"
        maxLength={254}
        value={hotline.pharosEmail ?? ''}
        error={invalidEmail('hotline.pharosEmail')}
        onChange={(event) => {
          const text = event.target.value.trim();
          edit((draft) => {
            draft.hotline.pharosEmail = text === '' ? null : event.target.value;
          });
        }}
      />

      <div className="form-grid">
        {NUMBER_KEYS.map((key) => {
          const { min, max } = HOTLINE_NUMBER_BOUNDS[key];
          const value = hotline[key];
          return (
            <TextField
              key={key}
              label={t(`settings.${key}`)}
              hint={`${t(`settings.${key}Hint`)} ${t('settings.bounds', { min, max })}`}
              error={refused(saveError, `hotline.${key}`) ? t('settings.range', { min, max }) : null}
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
                  draft.hotline[key] = text === '' ? Number.NaN : Number(text);
                });
              }}
            />
          );
        })}
      </div>
    </section>
  );
}
