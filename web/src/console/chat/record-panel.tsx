// The chat's contact record in the workspace: the records' form (compact), pre-filled by the server from
// the pre-chat answers, and a link to the full record page (its case, its escalations) in a new tab.
import type { FormEvent } from 'react';
import { ErrorMessage } from '../../ui/error-message.tsx';
import { ContactForm } from '../records/contact-form.tsx';
import { useChat } from './chat-provider.tsx';
import type { RecordEntry } from './contact-record.ts';
import { useChatT } from './i18n.ts';

export function RecordPanel({ conversationId, entry }: { conversationId: string; entry: RecordEntry }) {
  const t = useChatT();
  const { records } = useChat();
  const { contact } = entry;

  if (!contact) {
    if (entry.error)
      return <ErrorMessage error={entry.error} onRetry={() => void records.ensure(conversationId)} />;
    return <p className="muted">{t('record.loading')}</p>;
  }

  // Typing in the form (not in a list's filter box) means edits of its own: the panel's saves wait.
  const edited = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.type === 'search') return;
    records.formEdited(conversationId);
  };

  return (
    <div className="chat-record" onInput={edited} onChange={edited}>
      <ContactForm
        key={contact.id}
        contact={contact}
        compact
        onSaved={(saved) => records.saved(conversationId, saved)}
      />
      <p className="chat-record__more">
        <a href={`/console/contacts/${encodeURIComponent(contact.id)}`} target="_blank" rel="noopener">
          {t('record.openFull', { reference: contact.reference })}
          <span className="visually-hidden"> {t('record.newTab')}</span>
        </a>
      </p>
    </div>
  );
}
