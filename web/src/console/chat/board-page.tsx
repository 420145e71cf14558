// The supervisor's board (/console/chat/board): live queue figures, each counsellor's presence, load and
// conversations, and the conversations being observed.
import type { TBoard } from '@abri/contracts';
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { useChatTitle } from './alerts.ts';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';
import { minutesText, shortId, visitorName } from './labels.ts';
import { ChatNotices } from './notices.tsx';
import { ObservePanel } from './observe-panel.tsx';
import { waitingConversations } from './state.ts';
import { ConnectionStatus } from './workspace-header.tsx';

export default function BoardPage() {
  const t = useChatT();
  const { t: tt } = useTranslation();
  const { state, totalUnread, loadError, actions } = useChat();
  useChatTitle(t('board.title'), tt('console.brand'), totalUnread);
  const board = state.board;
  const observed = state.observed
    .map((id) => state.conversations[id])
    .filter((conversation) => conversation !== undefined);

  return (
    <div className="chat-page">
      <h1>{t('board.title')}</h1>
      <ConnectionStatus />
      <ErrorMessage error={loadError} onRetry={() => void actions.refresh()} />
      <ChatNotices />
      {board ? <BoardFigures board={board} /> : !loadError && <p role="status">{t('board.loading')}</p>}
      {board && <CounsellorsTable board={board} />}
      <WaitingList />
      {observed.length > 0 && (
        <section aria-labelledby="observed-title">
          <h2 id="observed-title">{t('board.observedTitle')}</h2>
          <p className="muted">{t('board.observedHint')}</p>
          {observed.map((conversation) => (
            <ObservePanel key={conversation.id} conversation={conversation} />
          ))}
        </section>
      )}
    </div>
  );
}

function BoardFigures({ board }: { board: TBoard }) {
  const t = useChatT();
  const longest =
    board.longestWaitSeconds === null
      ? t('board.noWait')
      : minutesText(t, Math.floor(board.longestWaitSeconds / 60));
  return (
    <dl className="chat-figures">
      <div className="chat-figure card">
        <dt>{t('board.queueLength')}</dt>
        <dd>{board.queueLength}</dd>
      </div>
      <div className="chat-figure card">
        <dt>{t('board.longestWait')}</dt>
        <dd>{longest}</dd>
      </div>
      <div className="chat-figure card">
        <dt>{t('board.leftMessages')}</dt>
        <dd>{board.leftMessages}</dd>
      </div>
      <div className="chat-figure card">
        <dt>{t('board.mode')}</dt>
        <dd className="chat-figure__text">
          {board.assignmentMode === 'auto' ? t('board.modeAuto') : t('board.modeManual')}
        </dd>
      </div>
    </dl>
  );
}

function CounsellorsTable({ board }: { board: TBoard }) {
  const t = useChatT();
  return (
    <section>
      <h2 id="board-counsellors-title">{t('board.counsellorsTitle')}</h2>
      {board.counsellors.length === 0 ? (
        <p className="muted">{t('board.noCounsellors')}</p>
      ) : (
        <TableWrap label={t('board.counsellorsTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('board.colCounsellor')}</th>
                <th scope="col">{t('board.colPresence')}</th>
                <th scope="col">{t('board.colLoad')}</th>
                <th scope="col">{t('board.colConversations')}</th>
              </tr>
            </thead>
            <tbody>
              {board.counsellors.map((counsellor) => (
                <tr key={counsellor.userId}>
                  <td className="user-cell">{counsellor.displayName}</td>
                  <td>
                    <span className={`chat-presence-tag chat-presence-tag--${counsellor.presence}`}>
                      {t(`presence.${counsellor.presence}`)}
                    </span>
                  </td>
                  <td>
                    {t('board.load', {
                      active: counsellor.activeConversations,
                      capacity: counsellor.capacity,
                    })}
                  </td>
                  <td>
                    {counsellor.conversationIds.length === 0 ? (
                      <span className="muted">{t('board.noConversation')}</span>
                    ) : (
                      <ul className="plain-list chat-board__conversations">
                        {counsellor.conversationIds.map((id) => (
                          <ObserveItem key={id} conversationId={id} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function WaitingList() {
  const t = useChatT();
  const { state } = useChat();
  const waiting = waitingConversations(state);
  if (waiting.length === 0) return null;
  return (
    <section aria-labelledby="board-waiting-title">
      <h2 id="board-waiting-title">{t('queue.title')}</h2>
      <ul className="plain-list chat-board__conversations">
        {waiting.map((conversation) => (
          <ObserveItem key={conversation.id} conversationId={conversation.id} />
        ))}
      </ul>
    </section>
  );
}

function ObserveItem({ conversationId }: { conversationId: string }) {
  const t = useChatT();
  const { state, actions } = useChat();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  const conversation = state.conversations[conversationId];
  const observing = state.observed.includes(conversationId);
  const label = conversation
    ? `${visitorName(t, conversation)} (${shortId(conversationId)})`
    : t('board.conversation', { short: shortId(conversationId) });

  const observe = async () => {
    setBusy(true);
    setError(null);
    try {
      await actions.observe(conversationId);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="chat-board__item">
      <span id={labelId}>{label}</span>{' '}
      {observing ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => actions.unobserve(conversationId)}
        >
          {t('board.stopObserving')}
        </button>
      ) : (
        <button
          type="button"
          className="button button--small"
          aria-describedby={labelId}
          disabled={busy}
          onClick={() => void observe()}
        >
          {t('board.observe')}
        </button>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}
