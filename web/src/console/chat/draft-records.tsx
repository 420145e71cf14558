// A gentle reminder in the workspace: the counsellor's contact records still in draft (ended chats whose
// record was not completed, also after a reload, when those chats have left the workspace).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useChat } from './chat-provider.tsx';
import { useChatT } from './i18n.ts';

export function DraftRecordsReminder({ refreshKey }: { refreshKey: string }) {
  const t = useChatT();
  const { canSupervise } = useChat();
  const [count, setCount] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the workspace's chats change.
  useEffect(() => {
    // Supervisors' lists hold everyone's records: the count would not be theirs.
    if (canSupervise) return;
    let cancelled = false;
    api
      .get<{ total: number }>('/api/contacts?status=draft&limit=1')
      .then((answer) => {
        if (!cancelled) setCount(answer.total);
      })
      .catch(() => {
        // Only a reminder: the records page says what went wrong.
      });
    return () => {
      cancelled = true;
    };
  }, [canSupervise, refreshKey]);

  if (count === 0) return null;
  return (
    <p className="chat-drafts">
      {t('record.drafts', { count })} <Link to="/console/contacts?drafts=1">{t('record.draftsLink')}</Link>
    </p>
  );
}
