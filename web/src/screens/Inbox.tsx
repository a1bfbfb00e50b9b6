// The inbox of the current centre: conversations from every channel, one conversation's history,
// and a reply box that knows the channel's limits. Kept live by the centre's event stream (live.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiError, TEXT_LIMITS, api, type CannedReply, type Centre, type Conversation, type Message, type Note, type QueueOverview,
  type MessageTemplate, type StaffMember, type Suggestion,
} from '../api';
import { t, type MessageKey } from '../i18n';
import { Alert, errorText, languageName, platformName, when } from '../components/ui';
import { type LiveFeed, useLiveFeed, useLiveLoad } from '../live';
import { EncounterForm, PersonLinks } from './Encounters';
import { PersonRecord } from './People';
import { AddToCase } from './Cases';
import { OPEN_CONVERSATION } from './ConversationLinks';


function statusText(status: string): string {
  return t(`status_${status}` as MessageKey);
}

export function topicName(code: string): string {
  return t(`topic_${code.replace(/-/g, '_')}` as MessageKey);
}

type Queue = 'mine' | 'unassigned' | 'overdue' | 'all';
const ALL = '*';
const ALL_LANGUAGES = ALL;

// Past the centre's response target and still unanswered.
function isOverdue(c: Conversation): boolean {
  return c.reply_due_at !== null && c.reply_due_at < Date.now();
}

// The queues (mine, unassigned, all; by language) and who is online.
function QueueBar({ overview, topics, queue, language, topic, onQueue, onLanguage, onTopic }: {
  overview: QueueOverview | null; topics: string[]; queue: Queue; language: string; topic: string;
  onQueue: (q: Queue) => void; onLanguage: (l: string) => void; onTopic: (t: string) => void;
}) {
  const label: Record<Queue, string> = {
    mine: t('queue_mine', { n: String(overview?.mine ?? 0) }),
    unassigned: t('queue_unassigned', { n: String(overview?.unassigned ?? 0) }),
    overdue: t('queue_overdue', { n: String(overview?.overdue ?? 0) }),
    all: t('queue_all'),
  };
  const online = (overview?.staff ?? []).filter((m) => m.online).map((m) => m.display_name);
  return (
    <div class="queues">
      <div class="segmented" role="group" aria-label={t('queue_label')}>
        {(['mine', 'unassigned', 'overdue', 'all'] as const).map((q) => (
          <button key={q} type="button" id={`queue-${q}`} aria-pressed={queue === q} onClick={() => onQueue(q)}>{label[q]}</button>
        ))}
      </div>
      <label class="inline">
        <span>{t('conversation_language')}</span>
        <select id="queue-language" value={language} onChange={(e) => onLanguage((e.target as HTMLSelectElement).value)}>
          <option value={ALL_LANGUAGES}>{t('all_languages')}</option>
          {(overview?.languages ?? []).map((l) => (
            <option key={l.language} value={l.language}>{languageName(l.language)} ({l.unassigned}/{l.active})</option>
          ))}
        </select>
      </label>
      <label class="inline">
        <span>{t('topics_label')}</span>
        <select id="queue-topic" value={topic} onChange={(e) => onTopic((e.target as HTMLSelectElement).value)}>
          <option value={ALL}>{t('all_topics')}</option>
          {topics.map((code) => <option key={code} value={code}>{topicName(code)}</option>)}
        </select>
      </label>
      <p class="muted" id="online-now">{online.length ? t('online_now', { names: online.join(', ') }) : t('nobody_online')}</p>
    </div>
  );
}

// Searches as the counsellor types, once they pause; Enter searches at once. Words are matched
// whole (names also by their beginning), or a phone number however it is written.
function SearchBox({ onSearch }: { onSearch: (q: string) => void }) {
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(text.trim()), 400);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); onSearch(text.trim()); }}>
      <input id="inbox-search" type="search" dir="auto" value={text} maxLength={200} placeholder={t('search_hint')}
        aria-label={t('search_conversations')} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
    </form>
  );
}

function ConversationList({ centre, feed, queue, language, topic, search, me, selected, onSelect }: {
  centre: Centre; feed: LiveFeed; queue: Queue; language: string; topic: string; search: string; me: string;
  selected: string; onSelect: (c: Conversation) => void;
}) {
  const [items, setItems] = useState<Conversation[] | null>(null);
  const [error, setError] = useState('');
  useLiveLoad(feed, async () => {
    const query = new URLSearchParams({ limit: '50', queue });
    if (language !== ALL_LANGUAGES) query.set('language', language);
    if (topic !== ALL) query.set('tag', topic);
    if (search) query.set('q', search);
    try {
      setItems((await api<{ items: Conversation[] }>('GET', `/api/v1/centres/${centre.id}/conversations?${query}`)).items);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  }, [centre.id, queue, language, topic, search]);
  if (error) return <Alert>{error}</Alert>;
  if (items === null) return <p>{t('loading')}</p>;
  if (items.length === 0) return <p id="no-conversations">{t(search ? 'no_matches' : 'no_conversations')}</p>;
  return (
    <ul class="rows conversations">
      {items.map((c) => (
        <li key={c.id}>
          <button type="button" class={`conversation${c.id === selected ? ' current' : ''}${isOverdue(c) ? ' overdue' : ''}`}
            onClick={() => onSelect(c)}
            aria-current={c.id === selected ? 'true' : undefined}>
            <strong>{c.contact_name || t('unknown_contact')}</strong>
            <span class="muted">
              <span dir="ltr">{c.platform}</span> · {languageName(c.language)} · {statusText(c.status)} · {when(c.last_message_at)}
              {c.assignee_id === me && <> · {t('assigned_to_you')}</>}
            </span>
            {(c.awaiting_since !== null || c.tags.length > 0 || c.priority === 'urgent') && (
              <span class="chips">
                {c.priority === 'urgent' && <span class="chip late urgent">{t('urgent')}</span>}
                {isOverdue(c) ? <span class="chip late">{t('overdue')}</span>
                  : c.awaiting_since !== null && <span class="chip">{t('awaiting_reply')}</span>}
                {c.tags.map((code) => <span key={code} class="chip">{topicName(code)}</span>)}
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;

// Status, assignment and language of the conversation, changed in place.
function Controls({ centre, conversation, me, overview, topics, onChanged }: {
  centre: Centre; conversation: Conversation; me: string; overview: QueueOverview | null; topics: string[];
  onChanged: (c: Conversation) => void;
}) {
  const [error, setError] = useState('');
  const patch = async (body: Record<string, unknown>) => {
    try {
      onChanged(await api<Conversation>('PATCH', `/api/v1/centres/${centre.id}/conversations/${conversation.id}`, body));
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const mine = conversation.assignee_id === me;
  const staff: StaffMember[] = overview?.staff ?? [];
  const languages = [...new Set([...(overview?.languages ?? []).map((l) => l.language), conversation.language])];
  return (
    <div class="controls-row">
      <label class="inline">
        <span>{t('status_label')}</span>
        <select id="conversation-status" value={conversation.status}
          onChange={(e) => patch({ status: (e.target as HTMLSelectElement).value })}>
          {STATUSES.map((st) => <option key={st} value={st}>{statusText(st)}</option>)}
        </select>
      </label>
      <label class="inline">
        <span>{t('assignee_label')}</span>
        <select id="conversation-assignee" value={conversation.assignee_id ?? ''}
          onChange={(e) => patch({ assignee_id: (e.target as HTMLSelectElement).value || null })}>
          <option value="">{t('nobody')}</option>
          {staff.map((m) => (
            <option key={m.id} value={m.id}>{m.online ? '● ' : ''}{m.display_name} ({m.languages.join(', ')}; {m.active})</option>
          ))}
          {conversation.assignee_id && !staff.some((m) => m.id === conversation.assignee_id) &&
            <option value={conversation.assignee_id}>{t('assigned_to_other')}</option>}
        </select>
      </label>
      <span class="muted" id="assignment">
        {mine ? t('assigned_to_you') : conversation.assignee_id ? t('assigned_to_other') : ''}
      </span>
      <button type="button" id="assign" onClick={() => patch({ assignee_id: mine ? null : me })}>
        {mine ? t('unassign') : t('assign_to_me')}
      </button>
      <label class="inline">
        <span>{t('conversation_language')}</span>
        <select id="conversation-language" value={conversation.language}
          onChange={(e) => patch({ language: (e.target as HTMLSelectElement).value })}>
          {languages.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
        </select>
      </label>
      <details class="topics">
        <summary>{t('topics_label')} ({conversation.tags.length})</summary>
        <fieldset>
          <legend>{t('topics_label')}</legend>
          {topics.map((code) => (
            <label key={code} class="check">
              <input type="checkbox" name="topic" value={code} checked={conversation.tags.includes(code)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  patch({ tags: on ? [...conversation.tags, code] : conversation.tags.filter((x) => x !== code) });
                }} />
              {topicName(code)}
            </label>
          ))}
        </fieldset>
      </details>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

// Internal notes: for colleagues only, never sent to the person. `path` is the conversation's.
function Notes({ feed, conversation, path }: { feed: LiveFeed; conversation: string; path: string }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const load = async () => {
    try {
      setNotes((await api<{ items: Note[] }>('GET', `${path}/notes`)).items);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useLiveLoad(feed, load, [path], conversation);
  async function add(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `${path}/notes`, { text });
      setText('');
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <section class="notes" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('notes_title')}</h3>
      <p class="hint">{t('notes_hint')}</p>
      <ul class="rows">
        {notes.map((n) => <li key={n.id} class="note"><p dir="auto">{n.text}</p><span class="muted">{when(n.created_at)}</span></li>)}
      </ul>
      {error && <Alert>{error}</Alert>}
      <form class="reply" onSubmit={add}>
        <label for="note-text">{t('add_note')}</label>
        <textarea id="note-text" dir="auto" rows={2} value={text} required
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <div class="actions"><button type="submit" disabled={text.trim() === ''}>{t('add_note')}</button></div>
      </form>
    </section>
  );
}

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const MEDIA_REASONS: Record<string, MessageKey> = {
  too_large: 'media_too_large', type_not_allowed: 'media_type_not_allowed', expired: 'media_gone', media_gone: 'media_gone',
};

// A file the person sent: shown (photos, voice notes, video) or offered (documents) once kept.
function AttachmentView({ centre, m }: { centre: string; m: Message }) {
  const a = m.attachment;
  if (!a) return null;
  if (a.state === 'pending') return <p class="attachment muted">{t('media_pending')}</p>;
  if (a.state === 'failed') return <p class="attachment muted">{t(MEDIA_REASONS[a.reason] ?? 'media_failed')}</p>;
  const url = `/api/v1/centres/${centre}/conversations/${m.conversation_id}/messages/${m.id}/media`;
  const name = a.file_name || m.kind;
  if (a.mime.startsWith('image/')) {
    return <a class="attachment" href={url} target="_blank" rel="noopener"><img src={url} alt={name} loading="lazy" /></a>;
  }
  if (a.mime.startsWith('audio/')) return <audio class="attachment" controls preload="none" src={url} />;
  if (a.mime.startsWith('video/')) return <video class="attachment" controls preload="none" src={url} />;
  return (
    <a class="attachment file" href={url} target="_blank" rel="noopener">
      <span dir="auto">{t('media_open', { name })}</span> <span class="muted" dir="ltr">({fileSize(a.size)})</span>
    </a>
  );
}

// One entry of the history: a message, or a visit or call recorded by a counsellor.
function HistoryEntry({ centre, m, across }: { centre: string; m: Message; across: boolean }) {
  const encounter = m.kind === 'visit' || m.kind === 'call';
  return (
    <li class={`bubble ${encounter ? 'encounter' : m.direction}`}>
      {encounter && (
        <strong class="encounter-kind">
          {t(m.kind === 'visit' ? 'encounter_visit' : 'encounter_call')}
          {m.media?.duration_minutes ? ` · ${t('minutes', { n: String(m.media.duration_minutes) })}` : ''}
        </strong>
      )}
      <AttachmentView centre={centre} m={m} />
      {(m.text || !m.attachment) && <p dir="auto">{m.text || `[${m.kind}]`}</p>}
      <span class="muted">
        {across && m.platform && <><span dir="ltr">{platformName(m.platform)}</span> · </>}
        {when(m.sent_at)}{m.direction === 'out' && <> · <span class={`status ${m.status}`}>{statusText(m.status)}</span></>}
      </span>
      {encounter && (m.media?.topics ?? []).length > 0 && (
        <span class="chips">{(m.media?.topics ?? []).map((code) => <span key={code} class="chip">{topicName(code)}</span>)}</span>
      )}
      {m.error && <span class="muted" dir="ltr">{m.error}</span>}
    </li>
  );
}

// A WhatsApp template with its values: what WhatsApp takes once its 24-hour window has closed.
function TemplateReply({ path, templates, open, onSent }: {
  path: string; templates: MessageTemplate[]; open: boolean; onSent: () => Promise<void>;
}) {
  const [id, setId] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = templates.find((x) => x.id === id);
  const preview = chosen ? chosen.body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => values[Number(n) - 1] || `{{${n}}}`) : '';
  async function send(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', path, { template_id: id, template_values: values });
      setId(''); setValues([]); setError('');
      await onSent();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <details class="template-reply" open={open}>
      <summary id="template-summary">{t('send_template')}</summary>
      <form onSubmit={send}>
        {error && <Alert>{error}</Alert>}
        <select id="template-choice" aria-label={t('template_choose')} value={id} required
          onChange={(e) => {
            const next = templates.find((x) => x.id === (e.target as HTMLSelectElement).value);
            setId(next?.id ?? '');
            setValues(Array.from({ length: next?.parameters ?? 0 }, () => ''));
          }}>
          <option value="">{t('template_choose')}</option>
          {templates.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.language})</option>)}
        </select>
        {values.map((v, i) => (
          <div class="field" key={i}>
            <label for={`template-value-${i + 1}`}>{t('template_value', { n: String(i + 1) })}</label>
            <input id={`template-value-${i + 1}`} dir="auto" value={v} required maxLength={1024}
              onInput={(e) => { const next = [...values]; next[i] = (e.target as HTMLInputElement).value.replace(/[\n\t]/g, ' '); setValues(next); }} />
          </div>
        ))}
        {chosen && <><p class="hint">{t('template_preview')}</p><p dir="auto" class="template-preview">{preview}</p></>}
        <div class="actions"><button type="submit" class="primary" disabled={busy || !chosen || values.some((v) => !v.trim())}>{t('send')}</button></div>
      </form>
    </details>
  );
}

// The knowledge base's best articles for the person's newest message; one click puts an article's
// short answer into the reply box.
function Suggestions({ path, newest, onInsert }: { path: string; newest: string; onInsert: (text: string) => void }) {
  const [found, setFound] = useState<{ answer: boolean; items: Suggestion[] } | null>(null);
  useEffect(() => {
    let live = true;
    api<{ answer: boolean; items: Suggestion[] }>('GET', `${path}/suggestions`).then((r) => { if (live) setFound(r); })
      .catch(() => { if (live) setFound(null); });
    return () => { live = false; };
  }, [path, newest]);
  if (!found || found.items.length === 0) return null;
  return (
    <section class="suggestions" aria-label={t('suggested_answers')}>
      <h3>{t('suggested_answers')}</h3>
      {!found.answer && <p class="hint">{t('no_good_answer')}</p>}
      <ul class="rows">
        {found.items.map((s) => (
          <li key={s.slug} class="suggestion" data-slug={s.slug}>
            <strong dir="auto">{s.title}</strong> <span class="muted">{languageName(s.lang)}</span>
            <p dir="auto">{s.short_answer}</p>
            <button type="button" class="insert-answer" onClick={() => onInsert(s.short_answer)}>{t('insert_answer')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Thread({ centre, feed, conversation, me, overview, topics, canned, templates, onBack, onChanged, onOpen }: {
  centre: Centre; feed: LiveFeed; conversation: Conversation; me: string; overview: QueueOverview | null;
  topics: string[]; canned: CannedReply[]; templates: MessageTemplate[]; onBack: () => void; onChanged: (c: Conversation) => void;
  onOpen: (c: Conversation) => void;
}) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [across, setAcross] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const conversationPath = `/api/v1/centres/${centre.id}/conversations/${conversation.id}`;
  const path = `${conversationPath}/messages`;
  const end = useRef<HTMLLIElement>(null);
  // The conversation itself too: a colleague or the routing may have changed it.
  const load = async () => {
    try {
      const [page, fresh] = await Promise.all([
        api<{ items: Message[] }>('GET', across ? `${path}?linked=true` : path), api<Conversation>('GET', conversationPath)]);
      setMessages(page.items);
      onChanged(fresh);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useLiveLoad(feed, load, [conversation.id, across], conversation.id);
  useEffect(() => end.current?.scrollIntoView({ block: 'nearest' }), [messages.length]);
  const inPerson = conversation.platform === 'inperson';
  const limit = TEXT_LIMITS[conversation.platform] ?? 1000;
  const left = limit - [...text].length;
  // The platform's window for free replies (WhatsApp 24 hours; Messenger and Instagram 7 days).
  const windowEnd = conversation.reply_window_ends_at;
  const closed = windowEnd !== null && windowEnd < Date.now();
  const ownTemplates = templates.filter((x) => x.channel_account_id === conversation.channel_account_id);

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
      <h2>{conversation.contact_name || t('unknown_contact')} <span class="muted" dir="ltr">{platformName(conversation.platform)}</span></h2>
      <Controls centre={centre} conversation={conversation} me={me} overview={overview} topics={topics}
        onChanged={(c) => onChanged({ ...c, contact_name: conversation.contact_name })} />
      <PersonLinks centre={centre} feed={feed} conversation={conversation} onOpen={onOpen} />
      <PersonRecord centre={centre} conversation={conversation.id} />
      <AddToCase centre={centre} conversation={conversation.id} />
      <label class="check">
        <input type="checkbox" id="whole-history" checked={across} onChange={(e) => setAcross((e.target as HTMLInputElement).checked)} />
        {t('whole_history')}
      </label>
      <ul class="messages">
        {messages.map((m) => <HistoryEntry key={m.id} centre={centre.id} m={m} across={across} />)}
        <li ref={end} aria-hidden="true" />
      </ul>
      {error && <Alert>{error}</Alert>}
      {!inPerson && !closed && (
        <Suggestions path={conversationPath} newest={messages.filter((m) => m.direction === 'in').slice(-1)[0]?.id ?? ''}
          onInsert={(answer) => setText((old) => (old.trim() ? `${old}\n${answer}` : answer))} />
      )}
      <details class="record" open={inPerson}>
        <summary>{t('record_encounter')}</summary>
        <EncounterForm centre={centre} conversation={conversation} topics={topics} topicName={topicName} onRecorded={() => void load()} />
      </details>
      {!inPerson && <form class="reply" onSubmit={send}>
        <label for="reply-text">{t('reply_label')}</label>
        {canned.length > 0 && (
          <select id="canned-reply" aria-label={t('insert_canned')} value="" disabled={closed}
            onChange={(e) => {
              const chosen = canned.find((r) => r.id === (e.target as HTMLSelectElement).value);
              if (chosen) setText((old) => (old.trim() ? `${old}\n${chosen.body}` : chosen.body));
            }}>
            <option value="">{t('insert_canned')}</option>
            {[...canned].sort((a, b) => Number(b.language === conversation.language) - Number(a.language === conversation.language))
              .map((r) => <option key={r.id} value={r.id}>{r.title} ({languageName(r.language)})</option>)}
          </select>
        )}
        {windowEnd !== null && (
          <p id="reply-window" class={`hint${closed ? ' over' : ''}`}>
            {closed ? t(conversation.platform === 'whatsapp' ? 'window_closed_whatsapp' : 'window_closed')
              : t('window_open_until', { time: when(windowEnd) })}
          </p>
        )}
        <textarea id="reply-text" dir="auto" rows={3} value={text} required disabled={closed}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} aria-describedby="reply-left" />
        <div class="actions">
          <span id="reply-left" class={`muted${left < 0 ? ' over' : ''}`}>{t('chars_left', { n: String(left) })}</span>
          <button type="submit" class="primary" disabled={busy || closed || left < 0 || text.trim() === ''}>{t('send')}</button>
        </div>
      </form>}
      {ownTemplates.length > 0 && <TemplateReply path={path} templates={ownTemplates} open={closed} onSent={load} />}
      <Notes feed={feed} conversation={conversation.id} path={conversationPath} />
    </section>
  );
}

export function Inbox({ centre, me }: { centre: Centre; me: string }) {
  const [selected, setSelected] = useState<Conversation | null>(null);
  const [recording, setRecording] = useState(false);
  const [queue, setQueue] = useState<Queue>('all');
  const [language, setLanguage] = useState(ALL_LANGUAGES);
  const [topic, setTopic] = useState(ALL);
  const [search, setSearch] = useState('');
  const [overview, setOverview] = useState<QueueOverview | null>(null);
  const [topics, setTopics] = useState<string[]>([]);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  useEffect(() => {
    api<{ items: MessageTemplate[] }>('GET', `/api/v1/centres/${centre.id}/templates`).then((r) => setTemplates(r.items))
      .catch(() => setTemplates([]));
  }, [centre.id]);
  useEffect(() => {
    api<{ items: { code: string }[] }>('GET', '/api/v1/topics').then((r) => setTopics(r.items.map((x) => x.code))).catch(() => undefined);
  }, []);
  useEffect(() => {
    api<{ items: CannedReply[] }>('GET', `/api/v1/centres/${centre.id}/canned-replies`).then((r) => setCanned(r.items))
      .catch(() => setCanned([]));
  }, [centre.id]);
  const { feed, state } = useLiveFeed(centre.id);
  useEffect(() => {
    setSelected(null);
    setOverview(null);
    // A conversation opened from a case or a person (ConversationLinks) opens here at once.
    const asked = sessionStorage.getItem(OPEN_CONVERSATION) ?? '';
    sessionStorage.removeItem(OPEN_CONVERSATION);
    if (asked) {
      api<Conversation>('GET', `/api/v1/centres/${centre.id}/conversations/${asked}`).then(setSelected).catch(() => undefined);
    }
  }, [centre.id]);
  useLiveLoad(feed, async () => {
    try {
      setOverview(await api<QueueOverview>('GET', `/api/v1/centres/${centre.id}/inbox/queues`));
    } catch {
      // The list shows the error; the queue bar keeps its last counts.
    }
  }, [centre.id]);
  return (
    <section class={`inbox${selected ? ' has-thread' : ''}`} data-live={state}>
      <h1>{t('nav_inbox')}</h1>
      <p class="hint" role="status">{state === 'paused' ? t('live_paused') : ''}</p>
      <div class="panes">
        <div class="list-pane">
          <details class="record" open={recording} onToggle={(e) => setRecording((e.target as HTMLDetailsElement).open)}>
            <summary id="new-encounter">{t('record_encounter')}</summary>
            {recording && <EncounterForm centre={centre} topics={topics} topicName={topicName} onRecorded={async (id) => {
              setRecording(false);
              setSelected(await api<Conversation>('GET', `/api/v1/centres/${centre.id}/conversations/${id}`));
            }} />}
          </details>
          <QueueBar overview={overview} topics={topics} queue={queue} language={language} topic={topic}
            onQueue={setQueue} onLanguage={setLanguage} onTopic={setTopic} />
          <SearchBox onSearch={setSearch} />
          <ConversationList centre={centre} feed={feed} queue={queue} language={language} topic={topic} search={search} me={me}
            selected={selected?.id ?? ''} onSelect={setSelected} />
        </div>
        {selected && <Thread centre={centre} feed={feed} conversation={selected} me={me} overview={overview}
          topics={topics} canned={canned} templates={templates}
          onBack={() => setSelected(null)} onChanged={setSelected} onOpen={setSelected} />}
      </div>
    </section>
  );
}
