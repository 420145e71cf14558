// Canned responses offered while the reply starts with "/": filtered by shortcut or title, in the
// console's language; the reply field keeps focus and points at the highlighted option.
import type { TCannedResponse } from '@abri/contracts';
import { useEffect, useState } from 'react';
import { currentLanguage } from '../../i18n/index.ts';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';

/** The query after "/" when the reply is a canned-response command, else null. */
export function cannedQuery(text: string): string | null {
  const match = /^\/([^\n]{0,40})$/.exec(text);
  return match ? (match[1] ?? '').trim().toLowerCase() : null;
}

export function useCannedResponses(wanted: boolean): { responses: TCannedResponse[]; failed: boolean } {
  const { actions } = useChat();
  const [responses, setResponses] = useState<TCannedResponse[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    actions
      .cannedResponses()
      .then((list) => {
        if (!cancelled) {
          setResponses(list);
          setFailed(false);
        }
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [wanted, actions]);
  return { responses, failed };
}

export function filterCanned(responses: TCannedResponse[], query: string): TCannedResponse[] {
  const language = currentLanguage();
  return responses
    .filter((response) => response.language === language)
    .filter(
      (response) =>
        query === '' ||
        response.shortcut.toLowerCase().includes(query) ||
        response.title.toLowerCase().includes(query),
    )
    .sort((a, b) => Number(!a.shortcut.startsWith(query)) - Number(!b.shortcut.startsWith(query)))
    .slice(0, 8);
}

export function CannedList({
  id,
  options,
  highlighted,
  failed,
  onChoose,
}: {
  id: string;
  options: TCannedResponse[];
  highlighted: number;
  failed: boolean;
  onChoose: (response: TCannedResponse) => void;
}) {
  const t = useChatT();
  return (
    <div className="chat-canned">
      <p className="visually-hidden" role="status">
        {failed ? t('canned.loadError') : t('canned.count', { count: options.length })}
      </p>
      {options.length === 0 ? (
        <p className="chat-canned__empty">{failed ? t('canned.loadError') : t('canned.empty')}</p>
      ) : (
        <div id={id} role="listbox" aria-label={t('canned.listLabel')} className="chat-canned__list">
          {options.map((response, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the reply field (arrows + Enter).
            <div
              key={response.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === highlighted}
              className="chat-canned__option"
              tabIndex={-1}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(response)}
            >
              <span className="chat-canned__shortcut">/{response.shortcut}</span>{' '}
              <span className="chat-canned__title">{response.title}</span>
              <span className="chat-canned__body">{response.body}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
