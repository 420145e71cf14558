// How to reach the helpline: phone numbers, whether it is open now, weekly hours, emergency numbers.
import type { TOpeningHours, TPublicSettings } from '@abri/contracts';
import { useId } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { ErrorMessage } from '../ui/error-message.tsx';
import { usePublicSettings } from './settings-context.tsx';

type PhoneNumber = TPublicSettings['phoneNumbers'][number];
type Weekday = keyof TOpeningHours['weekly'];
// Kept here rather than imported from @abri/contracts, whose schemas would bring zod into the public bundle.
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dialable(number: string): string {
  return number.replace(/\s+/g, '');
}

function localLabel(label: { fr: string; en: string }, language: string): string {
  return language === 'en' ? label.en : label.fr;
}

/** One number: a big tel:/sms: link, described by its label (read after the number by screen readers). */
function PhoneItem({
  number,
  sms,
  label,
  emergency,
}: {
  number: string;
  sms: boolean;
  label: string;
  emergency?: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <li className="phone-list__item">
      <a
        className={`phone-link ${emergency ? 'phone-link--emergency' : ''}`}
        href={`${sms ? 'sms' : 'tel'}:${dialable(number)}`}
        aria-describedby={labelId}
      >
        <span className="phone-link__number">{number}</span>
        <span className="phone-link__kind">{t(sms ? 'phones.sms' : 'phones.voice')}</span>
      </a>
      <span id={labelId} className="phone-list__label">
        {label}
      </span>
    </li>
  );
}

export function PhoneList({ numbers }: { numbers: PhoneNumber[] }) {
  const { t, i18n } = useTranslation();
  if (numbers.length === 0) return <p>{t('phones.none')}</p>;
  return (
    <ul className="phone-list">
      {numbers.map((phone) => (
        <PhoneItem
          key={`${phone.number}-${phone.kind}`}
          number={phone.number}
          sms={phone.kind === 'sms'}
          label={localLabel(phone.label, i18n.language)}
        />
      ))}
    </ul>
  );
}

export function formatChange(
  iso: string,
  timeZone: string,
  language: string,
  t: ReturnType<typeof useTranslation>['t'],
  bareTimeToday: boolean,
) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const zone = safeTimeZone(timeZone);
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  }).format(when);
  const dayKey = (date: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: zone,
    }).format(date);
  // "Open until 20:00" reads better than "open until today at 20:00".
  if (dayKey(when) === dayKey(new Date())) return bareTimeToday ? time : t('status.today', { time });
  const sixDays = 6 * 24 * 3600 * 1000;
  const day = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    ...(when.getTime() - Date.now() > sixDays ? { day: 'numeric', month: 'long' } : {}),
    timeZone: zone,
  }).format(when);
  return t('status.at', { day, time });
}

function safeTimeZone(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

export function OpeningStatus({ settings }: { settings: TPublicSettings }) {
  const { t, i18n } = useTranslation();
  const { open, nextChange } = settings.status;
  const when = nextChange
    ? formatChange(nextChange, settings.openingHours.timeZone, i18n.language, t, open)
    : null;
  const text = open
    ? when
      ? t('status.openUntil', { when })
      : t('status.open')
    : when
      ? t('status.reopens', { when })
      : t('status.closed');
  return (
    <p className={`status ${open ? 'status--open' : 'status--closed'}`}>
      <span className="status__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

export function OpeningHours({ hours }: { hours: TOpeningHours }) {
  const { t, i18n } = useTranslation();
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  const upcoming = hours.holidays.filter((date) => date >= new Date().toISOString().slice(0, 10)).sort();
  return (
    <div className="hours">
      <h3 className="hours__title">{t('hours.title')}</h3>
      <dl className="hours__list">
        {WEEKDAYS.map((day) => {
          const slots = hours.weekly[day] ?? [];
          return (
            <div key={day} className="hours__row">
              <dt>{t(`weekdays.${day}`)}</dt>
              <dd>
                {slots.length === 0
                  ? t('hours.closed')
                  : slots.map((slot) => t('hours.slot', { open: slot.open, close: slot.close })).join(', ')}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="hours__zone">{t('hours.timeZone', { zone: hours.timeZone })}</p>
      {upcoming.length > 0 && (
        <>
          <p>{t('hours.holidays')}</p>
          <ul className="hours__holidays">
            {upcoming.slice(0, 10).map((date) => (
              <li key={date}>{dateFormat.format(new Date(`${date}T00:00:00Z`))}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const EMERGENCY = [
  { number: '17', key: 'emergency.n17', sms: false },
  { number: '112', key: 'emergency.n112', sms: false },
  { number: '119', key: 'emergency.n119', sms: false },
  { number: '114', key: 'emergency.n114', sms: true },
] as const;

/** Always shown from the locale files, so that they are there even when the API is down. */
export function EmergencyNumbers({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const titleId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card card--emergency" aria-labelledby={titleId}>
      <Heading id={titleId}>{t('emergency.title')}</Heading>
      <p>{t('emergency.intro')}</p>
      <ul className="phone-list">
        {EMERGENCY.map((item) => (
          <PhoneItem key={item.number} number={item.number} sms={item.sms} label={t(item.key)} emergency />
        ))}
      </ul>
    </section>
  );
}

/** The helpline's own numbers (not the emergency ones), its status and its hours, or an error. */
export function ReachUs({ title }: { title: string }) {
  const { t } = useTranslation();
  const { settings, error, loading, retry } = usePublicSettings();
  return (
    <section className="card" aria-labelledby="reach-title" aria-busy={loading || undefined}>
      <h2 id="reach-title">{title}</h2>
      {settings ? (
        <>
          <OpeningStatus settings={settings} />
          <PhoneList numbers={settings.phoneNumbers.filter((phone) => !phone.emergency)} />
          <OpeningHours hours={settings.openingHours} />
        </>
      ) : loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <div>
          <p>
            <strong>{t('settingsError.title')}</strong>
          </p>
          <p>{t('settingsError.body')}</p>
          <ErrorMessage error={error} onRetry={retry} />
        </div>
      )}
    </section>
  );
}
