// The advice cards of one caller, in one language. A card is the same card in both languages (same id,
// same place, same platforms): adding, removing or moving one does it in both, and only its title and
// points are written per language. Focus follows the card acted on, and a live region says what happened.
import type { TAdviceCard, TGuidePlatform, TProtocolBody, TProtocolCaller } from '@abri/contracts';
import { useEffect, useRef, useState } from 'react';
import { CheckboxField, TextField } from '../../ui/fields.tsx';
import { GUIDE_PLATFORMS, PLATFORM_NAMES } from './constants.ts';
import { errorAt, listErrorAt } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';
import { LinesField } from './lines-field.tsx';
import { bodyPath, type EditBody, type Language, lineError } from './protocol-form.tsx';

const LANGUAGES: Language[] = ['fr', 'en'];
const MAX_CARDS = 12;

/** An id not used by this caller's cards in either language. */
export function newCardId(draft: TProtocolBody, caller: TProtocolCaller): string {
  const used = new Set(
    LANGUAGES.flatMap((language) => draft[language].callers[caller].advice.map((c) => c.id)),
  );
  let index = used.size + 1;
  while (used.has(`advice-${index}`)) index += 1;
  return `advice-${index}`;
}

function cardsOf(draft: TProtocolBody, language: Language, caller: TProtocolCaller): TAdviceCard[] {
  return draft[language].callers[caller].advice;
}

type Focus = { id: string; target: 'title' | 'up' | 'down' } | null;

export function AdviceEditor({
  draft,
  language,
  caller,
  edit,
  error,
}: {
  draft: TProtocolBody;
  language: Language;
  caller: TProtocolCaller;
  edit: EditBody;
  error: unknown;
}) {
  const t = useGuidanceT();
  const cards = cardsOf(draft, language, caller);
  const base = `${language}.callers.${caller}.advice`;
  const [announcement, setAnnouncement] = useState('');
  const [focus, setFocus] = useState<Focus>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const register = (key: string) => (element: HTMLElement | null) => {
    if (element) elements.current.set(key, element);
    else elements.current.delete(key);
  };

  useEffect(() => {
    if (!focus) return;
    const card = elements.current.get(focus.id);
    const order =
      focus.target === 'title'
        ? ['input']
        : [focus.target, focus.target === 'up' ? 'down' : 'up'].map((move) => `button[data-move="${move}"]`);
    for (const selector of order) {
      const element = card?.querySelector<HTMLInputElement | HTMLButtonElement>(selector);
      if (element && !element.disabled) {
        element.focus();
        break;
      }
    }
    setFocus(null);
  }, [focus]);

  const add = () => {
    const id = newCardId(draft, caller);
    edit((next) => {
      for (const other of LANGUAGES) {
        cardsOf(next, other, caller).push({ id, title: '', points: [], platforms: [] });
      }
    });
    setAnnouncement(t('advice.added'));
    setFocus({ id, target: 'title' });
  };

  const remove = (card: TAdviceCard, name: string) => {
    if (!window.confirm(t('advice.removeConfirm', { title: name }))) return;
    edit((next) => {
      for (const other of LANGUAGES) {
        const list = cardsOf(next, other, caller);
        const index = list.findIndex((entry) => entry.id === card.id);
        if (index >= 0) list.splice(index, 1);
      }
    });
    setAnnouncement(t('advice.removed', { title: name }));
  };

  const move = (card: TAdviceCard, delta: -1 | 1) => {
    const target = cards.findIndex((entry) => entry.id === card.id) + delta;
    edit((next) => {
      for (const other of LANGUAGES) {
        const list = cardsOf(next, other, caller);
        const index = list.findIndex((entry) => entry.id === card.id);
        const to = index + delta;
        if (index < 0 || to < 0 || to >= list.length) continue;
        const [moved] = list.splice(index, 1);
        list.splice(to, 0, moved!);
      }
    });
    setAnnouncement(t('advice.moved', { position: target + 1, total: cards.length }));
    setFocus({ id: card.id, target: delta < 0 ? 'up' : 'down' });
  };

  const togglePlatform = (card: TAdviceCard, platform: TGuidePlatform, on: boolean) =>
    edit((next) => {
      for (const other of LANGUAGES) {
        const entry = cardsOf(next, other, caller).find((candidate) => candidate.id === card.id);
        if (!entry) continue;
        const current = entry.platforms ?? [];
        entry.platforms = GUIDE_PLATFORMS.filter((name) => (name === platform ? on : current.includes(name)));
      }
    });

  const listError = errorAt(error, bodyPath(base));
  return (
    <fieldset className="fieldset">
      <legend>{t('advice.legend')}</legend>
      <p className="field__hint">{t('advice.hint')}</p>
      {listError && <p className="field__error">{listError}</p>}
      {cards.map((card, index) => {
        const position = index + 1;
        const name = card.title.trim() || t('advice.untitled', { index: position });
        const path = `${base}.${index}`;
        return (
          <fieldset key={card.id} ref={register(card.id)} className="fieldset guidance-card-editor">
            <legend>{t('advice.cardLegend', { index: position, title: name })}</legend>
            <TextField
              label={t('advice.title')}
              lang={language}
              value={card.title}
              required
              maxLength={120}
              error={errorAt(error, bodyPath(`${path}.title`))}
              onChange={(event) =>
                edit((next) => {
                  const entry = cardsOf(next, language, caller).find((candidate) => candidate.id === card.id);
                  if (entry) entry.title = event.target.value;
                })
              }
            />
            <LinesField
              label={t('advice.points')}
              hint={t('advice.pointsHint')}
              lang={language}
              value={card.points}
              error={listErrorAt(error, bodyPath(`${path}.points`), lineError(t))}
              onChange={(lines) =>
                edit((next) => {
                  const entry = cardsOf(next, language, caller).find((candidate) => candidate.id === card.id);
                  if (entry) entry.points = lines;
                })
              }
            />
            <fieldset className="fieldset">
              <legend>{t('advice.platforms')}</legend>
              <p className="field__hint">{t('form.bothLanguages')}</p>
              <div className="checkbox-row">
                {GUIDE_PLATFORMS.map((platform) => (
                  <CheckboxField
                    key={platform}
                    label={PLATFORM_NAMES[platform]}
                    checked={card.platforms?.includes(platform) ?? false}
                    onChange={(event) => togglePlatform(card, platform, event.target.checked)}
                  />
                ))}
              </div>
            </fieldset>
            <div className="row-actions">
              <button
                data-move="up"
                type="button"
                className="button button--small"
                disabled={index === 0}
                onClick={() => move(card, -1)}
              >
                {t('advice.moveUp')}
                <span className="visually-hidden"> : {name}</span>
              </button>
              <button
                data-move="down"
                type="button"
                className="button button--small"
                disabled={index === cards.length - 1}
                onClick={() => move(card, 1)}
              >
                {t('advice.moveDown')}
                <span className="visually-hidden"> : {name}</span>
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                disabled={cards.length <= 1}
                onClick={() => remove(card, name)}
              >
                {t('advice.remove')}
                <span className="visually-hidden"> : {name}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button--small"
        disabled={cards.length >= MAX_CARDS}
        onClick={add}
      >
        {t('advice.add')}
      </button>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </fieldset>
  );
}
