// The inbox of the current centre: conversations from every channel, one conversation's history,
// and a reply box that knows the channel's limits. Refreshes every 2 seconds while shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, TEXT_LIMITS, api, type Centre, type Conversation, type Message } from '../api';
import { locale, t, type MessageKey } from '../i18n';
import { Alert, errorText } from '../components/ui';

const REFRESH_MS = 2000;

function when(ms: number): string {
  return new Date(ms).toLocaleString(locale() === 'prs' ? 'fa-AF' : locale(), { dateStyle: 'short', timeStyle: 'short' });
}

function statusText(status: string): string {
  return t(`status_${status}` as MessageKey);
}

function useRefresh(load: () => Promise<void>, deps: unknown[]) {
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, deps);
}

function ConversationList({ centre, selected, onSelect }: { centre: Centre; selected: string; onSelect: (c: Conversation) => void }) {
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [error, setError] = useState('');
  useRefresh(async () => {
    try {
      setItems((await api<{ items: Conversation[] }>('GET', `/api/v1/centres/${centre.id}/conversations?limit=50`)).items);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [centre.id]);
  if (error) return <Alert>{error}</Alert>;
  if (items === null) return <p>{t('loading')}</p>;
  if (items.length === 0) return <p>{t('no_conversations')}</p>;
  return (
    <ul class="rows conversations">
      {items.map((c) => (
        <li key={c.id}>
          <button type="button" class={`conversation${c.id === selected ? ' current' : ''}`} onClick={() => onSelect(c)}
            aria-current={c.id === selected ? 'true' : undefined}>
            <strong>{c.contact_name || t('unknown_contact')}</strong>
            <span class="muted"><span dir="ltr">{c.platform}</span> · {statusText(c.status)} · {when(c.last_message_at)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Thread({ centre, conversation, onBack }: { centre: Centre; conversation: Conversation; onBack: () => void }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const path = `/api/v1/centres/${centre.id}/conversations/${conversation.id}/messages`;
  const end = useRef<HTMLLIElement>(null);
  const load = async () => {
    try {
      setMessages((await api<{ items: Message[] }>('GET', path)).items);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useRefresh(load, [conversation.id]);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [messages.length]);
  const limit = TEXT_LIMITS[conversation.platform] ?? 1000;
  const left = limit - [...text].length;

  async function send(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', path, { text });
      setText('');
      setError('');
      await load();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(code === 'window_closed' ? t('err_window_closed') : code === 'too_long' ? t('err_too_long') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="thread" aria-label={conversation.contact_name || t('unknown_contact')}>
      <button type="button" class="back" onClick={onBack}>{t('back_to_list')}</button>
      <h2>{conversation.contact_name || t('unknown_contact')} <span class="muted" dir="ltr">{conversation.platform}</span></h2>
      <ul class="messages">
        {messages.map((m) => (
          <li key={m.id} class={`bubble ${m.direction}`}>
            <p dir="auto">{m.text || `[${m.kind}]`}</p>
            <span class="muted">{when(m.sent_at)}{m.direction === 'out' && <> · <span class={`status ${m.status}`}>{statusText(m.status)}</span></>}</span>
            {m.error && <span class="muted" dir="ltr">{m.error}</span>}
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ul>
      {error && <Alert>{error}</Alert>}
      <form class="reply" onSubmit={send}>
        <label for="reply-text">{t('reply_label')}</label>
        <textarea id="reply-text" dir="auto" rows={3} value={text} required
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} aria-describedby="reply-left" />
        <div class="actions">
          <span id="reply-left" class={`muted${left < 0 ? ' over' : ''}`}>{t('chars_left', { n: String(left) })}</span>
          <button type="submit" class="primary" disabled={busy || left < 0 || text.trim() === ''}>{t('send')}</button>
        </div>
      </form>
    </section>
  );
}

export function Inbox({ centre }: { centre: Centre }) {
  const [selected, setSelected] = useState<Conversation | null>(null);
  useEffect(() => setSelected(null), [centre.id]);
  return (
    <section class={`inbox${selected ? ' has-thread' : ''}`}>
      <h1>{t('nav_inbox')}</h1>
      <div class="panes">
        <div class="list-pane"><ConversationList centre={centre} selected={selected?.id ?? ''} onSelect={setSelected} /></div>
        {selected && <Thread centre={centre} conversation={selected} onBack={() => setSelected(null)} />}
      </div>
    </section>
  );
}
