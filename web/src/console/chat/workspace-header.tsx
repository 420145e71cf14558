// The workspace header: availability, capacity, sound, and the state of the live connection.
import { useId, useState } from 'react';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { unlockSound } from './alerts.ts';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import type { Presence } from './state.ts';

const PRESENCES: Presence[] = ['available', 'busy', 'away', 'offline'];
const CAPACITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function WorkspaceHeader() {
  const t = useChatT();
  const { state, actions, sound, setSound } = useChat();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const presenceId = useId();
  const capacityId = useId();
  const soundId = useId();
  const presence = state.presence ?? 'offline';
  const capacity = state.capacity ?? 3;

  const change = async (nextPresence: Presence, nextCapacity: number) => {
    setBusy(true);
    setError(null);
    try {
      await actions.setPresence(nextPresence, nextCapacity);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="chat-header card" aria-label={t('workspace.settingsLabel')}>
      <div className="chat-header__controls">
        <div className="field chat-header__field">
          <label htmlFor={presenceId} className="field__label">
            {t('presence.label')}
          </label>
          <select
            id={presenceId}
            className={`field__input chat-presence chat-presence--${presence}`}
            value={presence}
            disabled={busy || state.presence === null}
            onChange={(event) => void change(event.target.value as Presence, capacity)}
          >
            {PRESENCES.map((value) => (
              <option key={value} value={value}>
                {t(`presence.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field chat-header__field">
          <label htmlFor={capacityId} className="field__label">
            {t('capacity.label')}
          </label>
          <select
            id={capacityId}
            className="field__input"
            value={capacity}
            disabled={busy || state.presence === null}
            onChange={(event) => void change(presence, Number(event.target.value))}
          >
            {CAPACITIES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox chat-header__sound">
          <input
            id={soundId}
            type="checkbox"
            checked={sound}
            onChange={(event) => {
              if (event.target.checked) unlockSound();
              setSound(event.target.checked);
            }}
          />
          <label htmlFor={soundId}>{t('sound.label')}</label>
        </div>
      </div>
      <ConnectionStatus />
      <ErrorMessage error={error} />
    </section>
  );
}

export function ConnectionStatus() {
  const t = useChatT();
  const { state, actions } = useChat();
  const { status } = state;
  return (
    <div className={`chat-connection chat-connection--${status}`} role="status">
      <span className="chat-connection__dot" aria-hidden="true" />
      <span>{t(`connection.${status}`)}</span>
      {(status === 'closed' || status === 'fatal') && (
        <button type="button" className="button button--small button--secondary" onClick={actions.reconnect}>
          {t('connection.reconnect')}
        </button>
      )}
    </div>
  );
}
