// A centre's canned replies: managers and administrators add, change and remove them; counsellors
// insert them from the reply box.
import { useEffect, useState } from 'preact/hooks';
import { api, type CannedReply, type Centre } from '../api';
import { t } from '../i18n';
import { Alert, Field, Notice, errorText } from '../components/ui';

function ReplyForm({ centre, initial, onSaved, onCancel }: {
  centre: Centre; initial?: CannedReply; onSaved: () => void; onCancel?: () => void;
}) {
  const [language, setLanguage] = useState(initial?.language ?? centre.languages[0] ?? 'en');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [error, setError] = useState('');
  const id = initial?.id ?? 'new';
  async function submit(e: Event) {
    e.preventDefault();
    const path = `/api/v1/centres/${centre.id}/canned-replies`;
    try {
      if (initial) await api('PUT', `${path}/${initial.id}`, { language, title, body });
      else await api('POST', path, { language, title, body });
      if (!initial) { setTitle(''); setBody(''); }
      setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      <div class="field">
        <label for={`canned-language-${id}`}>{t('language')}</label>
        <select id={`canned-language-${id}`} value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}>
          {[...new Set([...centre.languages, language])].map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </div>
      <Field name={`canned-title-${id}`} label={t('canned_title')} value={title} onInput={setTitle} required />
      <div class="field">
        <label for={`canned-body-${id}`}>{t('canned_body')}</label>
        <textarea id={`canned-body-${id}`} dir="auto" rows={4} value={body} required maxLength={4000}
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      </div>
      <div class="actions">
        <button type="submit" class="primary">{initial ? t('save') : t('add_canned')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('cancel')}</button>}
      </div>
    </form>
  );
}

export function Replies({ centre }: { centre: Centre }) {
  const [items, setItems] = useState<CannedReply[] | null>(null);
  const [editing, setEditing] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const path = `/api/v1/centres/${centre.id}/canned-replies`;
  const load = () => api<{ items: CannedReply[] }>('GET', path).then((r) => setItems(r.items)).catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, [centre.id]);
  const saved = () => { setEditing(''); setNotice(t('saved')); void load(); };
  async function remove(id: string) {
    try {
      await api('DELETE', `${path}/${id}`);
      saved();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section>
      <h1>{t('nav_replies')}</h1>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      <h2>{t('add_canned')}</h2>
      <ReplyForm centre={centre} onSaved={saved} />
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_canned')}</p> : (
        <ul class="rows">
          {items.map((r) => (
            <li key={r.id} class="row">
              {editing === r.id ? <ReplyForm centre={centre} initial={r} onSaved={saved} onCancel={() => setEditing('')} /> : (
                <>
                  <div>
                    <strong dir="auto">{r.title}</strong> <span class="muted" dir="ltr">{r.language}</span>
                    <p dir="auto" class="canned-body">{r.body}</p>
                  </div>
                  <div class="actions">
                    <button type="button" onClick={() => setEditing(r.id)}>{t('edit')}</button>
                    <button type="button" onClick={() => remove(r.id)}>{t('delete')}</button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
