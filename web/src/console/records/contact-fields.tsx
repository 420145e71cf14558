// The fields of a counselling or information contact, in the order a counsellor goes through them:
// who called, what it was about, what was done, and (for a call logged afterwards) when.
import { useId } from 'react';
import { RadioGroupField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { CodeChecklist, CodeSelect } from './code-fields.tsx';
import { CALLERS, CONTACT_CHANNELS } from './constants.ts';
import type { Caller, ContactDraft } from './contact-draft.ts';
import { useRecordsT } from './i18n.ts';
import { optionGroups, type Taxonomies } from './taxonomies.ts';

type Props = {
  draft: ContactDraft;
  set: <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => void;
  taxonomies: Taxonomies | null;
  errors: Record<string, string>;
  language: string;
  /** Chat records: the channel and time come from the conversation. */
  fromChat: boolean;
};

export function contactFieldLabels(t: ReturnType<typeof useRecordsT>): Record<string, string> {
  return {
    callType: t('contact.callType'),
    channel: t('contact.channel'),
    caller: t('contact.caller'),
    ageBand: t('contact.ageBand'),
    gender: t('contact.gender'),
    region: t('contact.region'),
    topics: t('contact.topics'),
    platforms: t('contact.platforms'),
    summary: t('contact.summary'),
    outcome: t('contact.outcome'),
    referrals: t('contact.referrals'),
    followUp: t('contact.followUp'),
    contactAt: t('contact.contactAt'),
    durationMinutes: t('contact.duration'),
  };
}

export function ContactFields({ draft, set, taxonomies, errors, language, fromChat }: Props) {
  const t = useRecordsT();
  const id = useId();
  const groups = (name: keyof Taxonomies, keep: readonly string[]) =>
    optionGroups(taxonomies?.[name], language, keep);
  const keepOne = (value: string | null) => (value ? [value] : []);

  return (
    <>
      <fieldset className="fieldset records-section">
        <legend>{t('contact.whoTitle')}</legend>
        <div data-field="caller">
          <RadioGroupField<Caller>
            legend={t('contact.caller')}
            name={`${id}-caller`}
            className="records-choices"
            options={CALLERS.map((value) => ({ value, label: t(`caller.${value}`) }))}
            value={draft.caller}
            onChange={(value) => set('caller', value)}
            error={errors.caller}
          />
        </div>
        <div className="form-grid form-grid--dense">
          <CodeSelect
            name="ageBand"
            label={t('contact.ageBand')}
            emptyLabel={t('fields.notGiven')}
            groups={groups('age_bands', keepOne(draft.ageBand))}
            value={draft.ageBand}
            onChange={(value) => set('ageBand', value)}
            error={errors.ageBand}
          />
          <CodeSelect
            name="gender"
            label={t('contact.gender')}
            emptyLabel={t('fields.notGiven')}
            groups={groups('genders', keepOne(draft.gender))}
            value={draft.gender}
            onChange={(value) => set('gender', value)}
            error={errors.gender}
          />
          <CodeSelect
            name="region"
            label={t('contact.region')}
            hint={t('contact.regionHint')}
            emptyLabel={t('fields.notGiven')}
            groups={groups('regions', keepOne(draft.region))}
            value={draft.region}
            onChange={(value) => set('region', value)}
            error={errors.region}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset records-section">
        <legend>{t('contact.aboutTitle')}</legend>
        <CodeChecklist
          name="topics"
          label={t('contact.topics')}
          groups={groups('topics', draft.topics)}
          values={draft.topics}
          onChange={(values) => set('topics', values)}
          error={errors.topics}
          max={10}
        />
        <CodeChecklist
          name="platforms"
          label={t('contact.platforms')}
          groups={groups('platforms', draft.platforms)}
          values={draft.platforms}
          onChange={(values) => set('platforms', values)}
          error={errors.platforms}
          max={15}
        />
        <div data-field="summary">
          <TextAreaField
            label={t('contact.summary')}
            hint={t('contact.summaryHint')}
            rows={4}
            maxLength={4000}
            value={draft.summary}
            onChange={(event) => set('summary', event.target.value)}
            error={errors.summary}
          />
        </div>
      </fieldset>

      <fieldset className="fieldset records-section">
        <legend>{t('contact.doneTitle')}</legend>
        <CodeSelect
          name="outcome"
          label={t('contact.outcome')}
          emptyLabel={t('fields.choose')}
          groups={groups('outcomes', keepOne(draft.outcome))}
          value={draft.outcome}
          onChange={(value) => set('outcome', value)}
          error={errors.outcome}
        />
        <CodeChecklist
          name="referrals"
          label={t('contact.referrals')}
          groups={groups('referrals', draft.referrals)}
          values={draft.referrals}
          onChange={(values) => set('referrals', values)}
          error={errors.referrals}
          max={15}
        />
        <div data-field="followUp">
          <TextField
            label={t('contact.followUp')}
            hint={t('contact.followUpHint')}
            maxLength={1000}
            value={draft.followUp}
            onChange={(event) => set('followUp', event.target.value)}
            error={errors.followUp}
          />
        </div>
      </fieldset>

      {!fromChat && (
        <fieldset className="fieldset records-section">
          <legend>{t('contact.whenTitle')}</legend>
          <div className="form-grid form-grid--dense">
            <CodeSelect
              name="channel"
              label={t('contact.channel')}
              groups={[
                {
                  key: '',
                  label: null,
                  options: CONTACT_CHANNELS.filter((value) => value !== 'chat').map((value) => ({
                    value,
                    label: t(`channel.${value}`),
                  })),
                },
              ]}
              value={draft.channel}
              onChange={(value) => {
                if (value) set('channel', value as ContactDraft['channel']);
              }}
              error={errors.channel}
            />
            <div data-field="contactAt">
              <TextField
                label={t('contact.contactAt')}
                type="datetime-local"
                value={draft.contactAt}
                onChange={(event) => set('contactAt', event.target.value)}
                error={errors.contactAt}
              />
            </div>
            <div data-field="durationMinutes">
              <TextField
                label={t('contact.duration')}
                type="number"
                inputMode="numeric"
                min={0}
                max={1440}
                step={1}
                value={draft.duration}
                onChange={(event) => set('duration', event.target.value)}
                error={errors.durationMinutes}
              />
            </div>
          </div>
        </fieldset>
      )}
    </>
  );
}
