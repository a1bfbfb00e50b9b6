// Visits and phone calls recorded by counsellors, and one person's conversations across channels.
import { useState } from 'preact/hooks';
import { api, type Centre, type Conversation } from '../api';
import { t } from '../i18n';
import { Alert, Field, errorText } from '../components/ui';
import { type LiveFeed, useLiveLoad } from '../live';

const KINDS = ['visit', 'call'] as const;

// For `conversation`, or (without it) a new person walking in or calling.
export function EncounterForm({ centre, conversation, topics, topicName, onRecorded }: {
  centre: Centre; conversation?: Conversation; topics: string[]; topicName: (code: string) => string;
  onRecorded: (conversationId: string) => void;
}) {
  const [kind, setKind] = useState<'visit' | 'call'>('visit');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState(centre.languages[0] ?? '');
  const [duration, setDuration] = useState('');
  const [summary, setSummary] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState('');
  const id = conversation ? 'this' : 'new';
  async function submit(e: Event) {
    e.preventDefault();
    const body: Record<string, unknown> = { kind, summary, topics: chosen, duration_minutes: Number(duration || '0') };
    if (conversation) body.conversation_id = conversation.id;
    else {
      if (name.trim()) body.name = name.trim();
      if (phone.trim()) body.phone = phone.trim();
      if (language) body.language = language;
    }
    try {
      const made = await api<{ conversation_id: string }>('POST', `/api/v1/centres/${centre.id}/encounters`, body);
      setSummary(''); setDuration(''); setChosen([]); setName(''); setPhone(''); setError('');
      onRecorded(made.conversation_id);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid encounter-form" onSubmit={submit} aria-label={t('record_encounter')}>
      {error && <Alert>{error}</Alert>}
      <fieldset class="choice">
        <legend>{t('encounter_kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} class="check">
            <input type="radio" name={`encounter-kind-${id}`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(k === 'visit' ? 'encounter_visit' : 'encounter_call')}
          </label>
        ))}
      </fieldset>
      {!conversation && <>
        <Field name={`encounter-name-${id}`} label={t('person_name')} value={name} onInput={setName} />
        <Field name={`encounter-phone-${id}`} label={t('person_phone')} value={phone} onInput={setPhone} inputMode="numeric" dir="ltr" />
        <div class="field">
          <label for={`encounter-language-${id}`}>{t('conversation_language')}</label>
          <select id={`encounter-language-${id}`} value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}>
            {centre.languages.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
      </>}
      <Field name={`encounter-duration-${id}`} label={t('duration_minutes')} value={duration} onInput={setDuration} inputMode="numeric" dir="ltr" />
      <div class="field">
        <label for={`encounter-summary-${id}`}>{t('summary_label')}</label>
        <textarea id={`encounter-summary-${id}`} dir="auto" rows={3} value={summary} required maxLength={8000}
          onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)} />
      </div>
      <fieldset class="choice">
        <legend>{t('topics_label')}</legend>
        {topics.map((code) => (
          <label key={code} class="check">
            <input type="checkbox" name={`encounter-topic-${id}`} value={code} checked={chosen.includes(code)}
              onChange={(e) => setChosen((e.target as HTMLInputElement).checked ? [...chosen, code] : chosen.filter((x) => x !== code))} />
            {topicName(code)}
          </label>
        ))}
      </fieldset>
      <div class="actions"><button type="submit" class="primary">{t('record')}</button></div>
    </form>
  );
}

interface LinkSet { linked: Conversation[]; suggested: Conversation[] }

// The same person on other channels: linked conversations, and ones with the same phone number.
export function PersonLinks({ centre, feed, conversation, onOpen }: {
  centre: Centre; feed: LiveFeed; conversation: Conversation; onOpen: (c: Conversation) => void;
}) {
  const [links, setLinks] = useState<LinkSet | null>(null);
  const [error, setError] = useState('');
  const path = `/api/v1/centres/${centre.id}/conversations/${conversation.id}/links`;
  const load = async () => {
    try {
      setLinks(await api<LinkSet>('GET', path));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useLiveLoad(feed, load, [conversation.id], conversation.id);
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError('');
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (!links || (links.linked.length === 0 && links.suggested.length === 0)) return error ? <Alert>{error}</Alert> : null;
  const row = (c: Conversation) => (
    <button type="button" class="link-button" onClick={() => onOpen(c)}>
      {c.contact_name || t('unknown_contact')} <span class="muted" dir="ltr">{c.platform}</span>
    </button>
  );
  return (
    <section class="person-links" aria-labelledby="links-title">
      <h3 id="links-title">{t('same_person')}</h3>
      {error && <Alert>{error}</Alert>}
      {links.linked.length > 0 && (
        <ul class="rows">
          {links.linked.map((c) => <li key={c.id}>{row(c)}</li>)}
          <li><button type="button" id="unlink" onClick={() => act(() => api('DELETE', path))}>{t('unlink')}</button></li>
        </ul>
      )}
      {links.suggested.length > 0 && <>
        <p class="hint">{t('suggested_links')}</p>
        <ul class="rows">
          {links.suggested.map((c) => (
            <li key={c.id} class="suggested">
              {row(c)}
              <button type="button" class="link-suggested" onClick={() => act(() => api('POST', path, { conversation_id: c.id }))}>{t('link')}</button>
            </li>
          ))}
        </ul>
      </>}
    </section>
  );
}
