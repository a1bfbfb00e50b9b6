// Possible duplicates: pairs of records that may be one person, best first, with what agrees and
// what differs; a pair opens side by side (an audited read of both) to keep one record and merge
// the other into it, or to say they are different people.
import { useEffect, useState } from 'preact/hooks';
import { api, type Centre, type DuplicatePair, type Identity } from '../api';
import { t, type MessageKey } from '../i18n';
import { Alert, Notice, errorText, listText, word } from '../components/ui';

// What each reason of the score is called on screen ("-" before one marks a difference).
const REASON_WORDS: Record<string, MessageKey> = {
  name: 'match_name', name_close: 'match_name_close', phone: 'person_phone', document: 'document_number',
  birth_date: 'birth_date', birth_close: 'match_birth_close', birth_year: 'match_birth_year', age: 'age_band',
  sex: 'sex_label', nationality: 'nationality_label',
};

export function Reasons({ reasons }: { reasons: string[] }) {
  const named = (r: string) => t(REASON_WORDS[r.replace(/^-/, '')] ?? 'match_name');
  const same = reasons.filter((r) => !r.startsWith('-')).map(named);
  const other = reasons.filter((r) => r.startsWith('-')).map(named);
  return (
    <span class="muted">
      {same.length > 0 && <span>{t('agrees_label')}: {listText(same)}</span>}
      {same.length > 0 && other.length > 0 && ' · '}
      {other.length > 0 && <span>{t('differs_label')}: {listText(other)}</span>}
    </span>
  );
}

// A person's identifying details, as a person's page and a pair under review show them.
export function IdentityFacts({ identity }: { identity: Identity }) {
  return (
    <dl class="facts">
      <dt>{t('name_native')}</dt><dd dir="auto">{identity.name}</dd>
      <dt>{t('name_latin')}</dt><dd dir="ltr">{identity.name_latin}</dd>
      <dt>{t('birth_date')}</dt><dd><bdi class="whole" dir="ltr">{identity.birth_date || identity.age_band}</bdi></dd>
      <dt>{t('sex_label')}</dt><dd>{identity.sex ? word('sex', identity.sex) : ''}</dd>
      <dt>{t('nationality_label')}</dt><dd dir="ltr">{identity.nationality}</dd>
      <dt>{t('person_phone')}</dt><dd>{identity.phones.map((p) => <bdi key={p} class="whole" dir="ltr">{p}</bdi>)}</dd>
      <dt>{t('document_number')}</dt><dd dir="ltr">{identity.documents.map((d) => `${d.type} ${d.number}`).join(', ')}</dd>
    </dl>
  );
}

function Side({ code, identity }: { code: string; identity: Identity | undefined }) {
  return (
    <section class="card" aria-label={code}>
      <h3 dir="ltr">{code}</h3>
      {identity && <IdentityFacts identity={identity} />}
    </section>
  );
}

function PairView({ centre, id, onDecided }: { centre: Centre; id: string; onDecided: (message: string, person?: string) => void }) {
  const [pair, setPair] = useState<DuplicatePair | null>(null);
  const [error, setError] = useState('');
  const path = `/api/v1/centres/${centre.id}/duplicates/${id}`;
  useEffect(() => { setPair(null); api<DuplicatePair>('GET', path).then(setPair).catch((e) => setError(errorText(e))); }, [id]);
  async function merge(keep: string) {
    try {
      await api('POST', `${path}/merge`, { keep });
      onDecided(t('saved'), keep);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function dismiss() {
    try {
      await api('POST', `${path}/dismiss`);
      onDecided(t('saved'));
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (!pair) return error ? <Alert>{error}</Alert> : <p>{t('loading')}</p>;
  return (
    <article class="pair" aria-label={t('review_pair')}>
      {error && <Alert>{error}</Alert>}
      <p>{t('score_label')} <span dir="ltr">{pair.score.toFixed(1)}</span> · <Reasons reasons={pair.reasons} /></p>
      <div class="side-by-side">
        <Side code={pair.a.code} identity={pair.a.identity} />
        <Side code={pair.b.code} identity={pair.b.identity} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => merge(pair.a.person_id)}>{t('keep_this', { code: pair.a.code })}</button>
        <button type="button" class="primary" onClick={() => merge(pair.b.person_id)}>{t('keep_this', { code: pair.b.code })}</button>
        <button type="button" onClick={dismiss}>{t('not_same_person')}</button>
      </div>
    </article>
  );
}

// Inside the People screen; `onMerged` opens the record that was kept.
export function Duplicates({ centre, onMerged, refresh }: { centre: Centre; onMerged: (person: string) => void; refresh: number }) {
  const [items, setItems] = useState<DuplicatePair[] | null>(null);
  const [open, setOpen] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const load = () => api<{ items: DuplicatePair[] }>('GET', `/api/v1/centres/${centre.id}/duplicates`)
    .then((r) => setItems(r.items)).catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, [centre.id, refresh]);
  return (
    <details class="duplicates" open={(items?.length ?? 0) > 0}>
      <summary>{t('duplicates_title')} {items && items.length > 0 && <span class="badge" dir="ltr">{items.length}</span>}</summary>
      <p class="hint">{t('duplicates_intro')}</p>
      {error && <Alert>{error}</Alert>}
      {notice && <Notice>{notice}</Notice>}
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_duplicates')}</p> : (
        <ul class="rows" aria-label={t('duplicates_title')}>
          {items.map((p) => (
            <li key={p.id} class="row">
              <button type="button" class="link-button" aria-current={open === p.id ? 'true' : undefined} onClick={() => setOpen(p.id)}>
                {t('review_pair')} <span dir="ltr">{p.a.code} · {p.b.code}</span>
              </button>
              <span class="muted" dir="ltr">{p.score.toFixed(1)}</span>
              <Reasons reasons={p.reasons} />
            </li>
          ))}
        </ul>
      )}
      {open && <PairView key={open} centre={centre} id={open} onDecided={(message, person) => {
        setOpen('');
        setNotice(message);
        void load();
        if (person) onMerged(person);
      }} />}
    </details>
  );
}
