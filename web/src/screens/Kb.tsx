// The knowledge base: editors and managers write articles and their translations; someone other
// than a translation's author publishes it; counsellors read what is there. Shared by every centre.
import { useEffect, useState } from 'preact/hooks';
import { api, hasRole, type KbArticle, type Me, type Suggestion } from '../api';
import { locale, t, type MessageKey } from '../i18n';
import { Alert, Field, Notice, errorText, languageName } from '../components/ui';

const LANGUAGES = ['en', 'prs', 'ps', 'ur', 'bn', 'ar', 'tg', 'ru'];

function statusName(status: string): string {
  return t(`kb_status_${status}` as MessageKey);
}

function NewArticle({ onMade }: { onMade: (a: KbArticle) => void }) {
  const [slug, setSlug] = useState('');
  const [topics, setTopics] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const made = await api<KbArticle>('POST', '/api/v1/kb/articles', {
        slug, topics: topics.split(',').map((x) => x.trim()).filter(Boolean) });
      setSlug(''); setTopics(''); setError('');
      onMade(made);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" id="new-article" onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      <Field name="article-slug" label={t('kb_slug')} value={slug} onInput={setSlug} dir="ltr" required hint={t('kb_slug_hint')} />
      <Field name="article-topics" label={t('topics_label')} value={topics} onInput={setTopics} dir="ltr" />
      <div class="actions"><button type="submit" class="primary">{t('kb_new_article')}</button></div>
    </form>
  );
}

function Editor({ me, article, onChanged }: { me: Me; article: KbArticle; onChanged: (a: KbArticle) => void }) {
  const first = article.translations[0]?.lang ?? 'en';
  const [lang, setLang] = useState(first);
  const current = article.translations.find((x) => x.lang === lang);
  const [title, setTitle] = useState(current?.title ?? '');
  const [body, setBody] = useState(current?.body ?? '');
  const [short, setShort] = useState(current?.short_answer ?? '');
  const [error, setError] = useState('');
  // The fields take the chosen translation when the language is chosen (in the same event, so
  // that nothing typed right after is overwritten by a later render) or another article opens.
  const fieldsFor = (l: string) => {
    const x = article.translations.find((y) => y.lang === l);
    setTitle(x?.title ?? ''); setBody(x?.body ?? ''); setShort(x?.short_answer ?? '');
  };
  const chooseLang = (l: string) => { setLang(l); fieldsFor(l); };
  useEffect(() => { fieldsFor(lang); }, [article.id]);
  const path = `/api/v1/kb/articles/${article.id}`;
  async function run(call: () => Promise<KbArticle>) {
    try {
      onChanged(await call());
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
  }
  const save = (e: Event) => {
    e.preventDefault();
    void run(() => api<KbArticle>('PUT', `${path}/translations`, { lang, title, body, short_answer: short }));
  };
  const review = (action: string) => run(() => api<KbArticle>('POST', `${path}/review`, { lang, action }));
  return (
    <section class="card" id="article-editor" aria-label={article.slug}>
      <h2 dir="ltr">{article.slug}</h2>
      <ul class="chips" id="translations">
        {article.translations.map((x) => (
          <li key={x.lang} class="chip" data-lang={x.lang}>{languageName(x.lang)}: {statusName(x.status)}
            {x.published_version !== null && x.status !== 'published' ? ` (${t('kb_published_version', { n: String(x.published_version) })})` : ''}</li>
        ))}
      </ul>
      {error && <Alert>{error}</Alert>}
      <form class="grid" onSubmit={save}>
        <div class="field">
          <label for="kb-lang">{t('language')}</label>
          <select id="kb-lang" value={lang} onChange={(e) => chooseLang((e.target as HTMLSelectElement).value)}>
            {LANGUAGES.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
          </select>
        </div>
        <Field name="kb-title" label={t('kb_title')} value={title} onInput={setTitle} required />
        <div class="field">
          <label for="kb-body">{t('kb_body')}</label>
          <textarea id="kb-body" dir="auto" rows={8} value={body} required maxLength={100000}
            onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="field">
          <label for="kb-short">{t('kb_short_answer')}</label>
          <textarea id="kb-short" dir="auto" rows={2} value={short} maxLength={1000} aria-describedby="kb-short-hint"
            onInput={(e) => setShort((e.target as HTMLTextAreaElement).value)} />
          <p class="hint" id="kb-short-hint">{t('kb_short_answer_hint')}</p>
        </div>
        <div class="actions">
          <button type="submit" class="primary" id="kb-save">{t('kb_save_draft')}</button>
          {current?.status === 'draft' && <button type="button" id="kb-submit" onClick={() => review('submit')}>{t('kb_submit')}</button>}
          {current?.status === 'in_review' && current.author_id !== me.id && (
            <button type="button" id="kb-publish" onClick={() => review('publish')}>{t('kb_publish')}</button>
          )}
          {current?.status === 'published' && <button type="button" id="kb-archive" onClick={() => review('archive')}>{t('kb_archive')}</button>}
        </div>
        {current?.status === 'in_review' && current.author_id === me.id && <p class="hint">{t('kb_needs_other_reviewer')}</p>}
      </form>
      <Files article={article} lang={lang} />
      <AddFile article={article} lang={lang} onAdded={onChanged} />
      {current?.body_html && (
        <details id="kb-preview">
          <summary>{t('kb_preview')}</summary>
          <div class="article-body" lang={current.lang} dir="auto" dangerouslySetInnerHTML={{ __html: current.body_html }} />
        </details>
      )}
    </section>
  );
}

function Files({ article, lang }: { article: KbArticle; lang: string }) {
  const files = article.attachments.filter((f) => f.lang === null || f.lang === lang);
  if (files.length === 0) return null;
  return (
    <ul class="rows" id="kb-files">
      {files.map((f) => (
        <li key={f.id} class="row">
          <a href={`/api/v1/kb/articles/${article.id}/attachments/${f.id}`} target="_blank" rel="noopener" dir="auto">{f.file_name}</a>
          <span class="muted" dir="ltr">{Math.ceil(f.size / 1024)} KB</span>
        </li>
      ))}
    </ul>
  );
}

// Editors attach a PDF brief or an image (up to 5 MB) to the translation on screen or to all.
function AddFile({ article, lang, onAdded }: { article: KbArticle; lang: string; onAdded: (a: KbArticle) => void }) {
  const [error, setError] = useState('');
  async function pick(e: Event) {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await api('POST', `/api/v1/kb/articles/${article.id}/attachments`, { file_name: file.name, lang, content_base64: btoa(binary) });
      onAdded(await api<KbArticle>('GET', `/api/v1/kb/articles/${article.id}`));
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
    input.value = '';
  }
  return (
    <div class="field">
      {error && <Alert>{error}</Alert>}
      <label for="kb-file">{t('kb_attach')}</label>
      <input id="kb-file" type="file" accept="application/pdf,image/png,image/jpeg,image/webp" onChange={pick} />
    </div>
  );
}

// An article as readers see it: its published translations, one language at a time, with the
// body's HTML as the server made it safe (raw HTML and script links removed).
function Reader({ article, prefer, onClose }: { article: KbArticle; prefer: string; onClose: () => void }) {
  const langs = article.translations.map((x) => x.lang);
  const [lang, setLang] = useState(langs.includes(prefer) ? prefer : langs.includes('en') ? 'en' : langs[0] ?? '');
  const shown = article.translations.find((x) => x.lang === lang);
  return (
    <section class="card" id="article-reader" aria-label={shown?.title ?? article.slug}>
      <div class="actions">
        {langs.map((l) => (
          <button key={l} type="button" class={l === lang ? 'primary' : ''} aria-pressed={l === lang}
            onClick={() => setLang(l)}>{languageName(l)}</button>
        ))}
        <button type="button" onClick={onClose}>{t('kb_close')}</button>
      </div>
      {!shown ? <p>{t('kb_not_published')}</p> : (
        <article lang={shown.lang} dir="auto">
          <h2>{shown.title}</h2>
          {shown.short_answer && <p class="notice" id="kb-short">{shown.short_answer}</p>}
          <div class="article-body" dangerouslySetInnerHTML={{ __html: shown.body_html ?? '' }} />
          <Files article={article} lang={shown.lang} />
          <p class="hint">{t('kb_review_by', { date: shown.review_by })}</p>
        </article>
      )}
    </section>
  );
}

// Searches the published articles as a person would ask, in any language or script.
function Search({ onOpen }: { onOpen: (slug: string) => void }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ answer: boolean; items: Suggestion[] } | null>(null);
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    if (!q.trim()) return;
    try {
      setFound(await api('GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}&lang=${locale()}`));
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card" id="kb-search" role="search" onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      <Field name="kb-q" label={t('kb_search')} value={q} onInput={setQ} type="search" />
      {found && !found.answer && <p class="hint" id="kb-no-answer">{t('kb_no_answer')}</p>}
      {found && (
        <ul class="rows" id="kb-results">
          {found.items.map((x) => (
            <li key={x.slug} class="row" lang={x.lang} dir="auto">
              <button type="button" class="link" onClick={() => onOpen(x.slug)}>{x.title}</button>
              <span class="hint">{x.short_answer}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

interface QuestionsReport {
  days: number; questions: number; answerable: number; answered_automatically: number;
  unanswered: { topics: string[]; questions: number; languages: Record<string, number>; nearest_slug: string | null }[];
  rising: { topic: string; this_week: number; week_before: number }[];
}

// For editors: what people ask that no article answers well, and topics asked about more than the
// week before. Counts and topics only: never anyone's words.
function Questions() {
  const [report, setReport] = useState<QuestionsReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<QuestionsReport>('GET', '/api/v1/kb/questions').then(setReport).catch((e) => setError(errorText(e)));
  }, []);
  if (error) return <Alert>{error}</Alert>;
  if (!report) return null;
  return (
    <section class="card" id="kb-questions">
      <h2>{t('kb_questions')}</h2>
      <p class="hint">{t('kb_questions_summary', { n: String(report.questions), good: String(report.answerable), days: String(report.days) })}</p>
      {report.rising.length > 0 && (
        <>
          <h3>{t('kb_rising')}</h3>
          <ul class="rows" id="kb-rising">
            {report.rising.map((r) => <li key={r.topic} class="row"><span dir="ltr">{r.topic}</span> <span class="chip late">{r.week_before} → {r.this_week}</span></li>)}
          </ul>
        </>
      )}
      <h3>{t('kb_unanswered')}</h3>
      <ul class="rows" id="kb-unanswered">
        {report.unanswered.map((g) => (
          <li key={g.topics.join()} class="row">
            <span dir="ltr">{g.topics.length ? g.topics.join(' + ') : t('kb_no_known_topic')}</span>
            <span class="chip">{g.questions}</span>
            <span class="muted">{Object.entries(g.languages).map(([l, n]) => `${languageName(l)} ${n}`).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ReviewDue { article_id: string; slug: string; lang: string; title: string; review_by: string }

// Reminds editors of published translations to check again (laws and procedures change): those due
// within 30 days and those overdue.
function ReviewsDue({ onOpen }: { onOpen: (id: string) => void }) {
  const [items, setItems] = useState<ReviewDue[] | null>(null);
  useEffect(() => {
    api<{ items: ReviewDue[] }>('GET', '/api/v1/kb/reviews-due?days=30').then((r) => setItems(r.items)).catch(() => setItems([]));
  }, []);
  if (!items || items.length === 0) return null;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section class="card" id="kb-reviews-due">
      <h2>{t('kb_reviews_due', { n: String(items.length) })}</h2>
      <ul class="rows">
        {items.slice(0, 20).map((r) => (
          <li key={`${r.slug}.${r.lang}`} class="row" lang={r.lang} dir="auto">
            <button type="button" class="link" onClick={() => onOpen(r.article_id)}>{r.title}</button>
            <span class={`chip${r.review_by < today ? ' late' : ''}`} dir="ltr">{r.review_by}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The title readers see in the list: a published one, in the interface's language if there is one.
function listTitle(a: KbArticle): string {
  const published = a.translations.filter((x) => x.status === 'published' || x.published_version !== null);
  const pick = published.find((x) => x.lang === locale()) ?? published.find((x) => x.lang === 'en') ?? published[0];
  return pick?.title ?? a.slug;
}

export function Kb({ me, centre }: { me: Me; centre: string }) {
  const [items, setItems] = useState<KbArticle[] | null>(null);
  const [open, setOpen] = useState<KbArticle | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const canEdit = hasRole(me, centre, 'editor', 'manager');
  const load = () => api<{ items: KbArticle[] }>('GET', '/api/v1/kb/articles').then((r) => setItems(r.items))
    .catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, []);
  const [reading, setReading] = useState<KbArticle | null>(null);
  const openArticle = async (id: string) => {
    try {
      if (canEdit) setOpen(await api<KbArticle>('GET', `/api/v1/kb/articles/${id}`));
      else setReading(await api<KbArticle>('GET', `/api/v1/kb/articles/${id}/published`));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const openSlug = (slug: string) => {
    const found = items?.find((a) => a.slug === slug);
    if (found) void openArticle(found.id);
  };
  // Readers see articles with something published; editors see everything.
  const shown = (items ?? []).filter((a) => canEdit || a.translations.some((x) => x.published_version !== null));
  return (
    <section>
      <h1>{t('nav_kb')}</h1>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      {canEdit && <NewArticle onMade={(a) => { setOpen(a); void load(); }} />}
      {open && canEdit && <Editor me={me} article={open} onChanged={(a) => { setOpen(a); setNotice(t('saved')); void load(); }} />}
      {canEdit && <ReviewsDue onOpen={(id) => void openArticle(id)} />}
      {canEdit && <Questions />}
      <Search onOpen={openSlug} />
      {reading && <Reader article={reading} prefer={locale()} onClose={() => setReading(null)} />}
      {items === null ? <p>{t('loading')}</p> : (
        <ul class="rows" id="article-list">
          {shown.map((a) => (
            <li key={a.id} class="row">
              <button type="button" class="link" onClick={() => openArticle(a.id)} dir="auto">{canEdit ? a.slug : listTitle(a)}</button>
              <span class="chips">
                {a.translations.map((x) => <span key={x.lang} class="chip">{x.lang}: {statusName(x.status)}</span>)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
