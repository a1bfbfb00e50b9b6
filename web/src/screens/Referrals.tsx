// Referrals: the centre's referrals of people to partners' services (a partner sees only those
// addressed to them, and answers them), and the service directory, which managers keep. A referral
// is made from a case (Cases), with the person's consent.
import { useEffect, useState } from 'preact/hooks';
import { api, hasRole, type Centre, type Me, type Page, type Partner, type Referral, type ReferralSummary, type StaffUser } from '../api';
import { t } from '../i18n';
import { Alert, Choice, Field, Notice, errorText, when, word } from '../components/ui';

export const SERVICE_TYPES = ['legal', 'shelter', 'health', 'psychosocial', 'livelihood', 'education', 'documentation', 'financial', 'family_tracing', 'other'];
const STATUSES = ['sent', 'accepted', 'declined', 'completed'];
// The answers a referral may take next.
const NEXT: Record<string, string[]> = { sent: ['accepted', 'declined'], accepted: ['completed'] };
const ANSWER_LABEL: Record<string, 'accept' | 'decline' | 'complete'> = { accepted: 'accept', declined: 'decline', completed: 'complete' };

export const directoryPath = (centre: Centre) => `/api/v1/centres/${centre.id}/partners`;
const referralsPath = (centre: Centre) => `/api/v1/centres/${centre.id}/referrals`;

function ReferralView({ centre, id, onChanged }: { centre: Centre; id: string; onChanged: () => void }) {
  const [referral, setReferral] = useState<Referral | null>(null);
  const [feedback, setFeedback] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const path = `${referralsPath(centre)}/${id}`;
  const load = () => api<Referral>('GET', path).then(setReferral).catch((e) => setError(errorText(e)));
  useEffect(() => { setReferral(null); setNotice(''); setError(''); void load(); }, [id]);
  async function answer(status: string) {
    try {
      await api('PATCH', path, { status, ...(feedback.trim() ? { feedback: feedback.trim() } : {}) });
      setFeedback(''); setError(''); setNotice(t('saved'));
      void load();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (!referral) return error ? <Alert>{error}</Alert> : <p>{t('loading')}</p>;
  const next = NEXT[referral.status] ?? [];
  return (
    <article class="referral" aria-labelledby="referral-title">
      <h2 id="referral-title">{word('stype', referral.service_type)} · {referral.partner_name}</h2>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      <dl class="facts">
        <dt>{t('person_label')}</dt><dd dir="ltr">{referral.person_code}</dd>
        {referral.person && <><dt>{t('name_native')}</dt><dd dir="auto">{referral.person.name}</dd>
          <dt>{t('person_phone')}</dt><dd dir="ltr">{referral.person.phones.join(', ')}</dd></>}
        <dt>{t('status_label')}</dt><dd>{word('rstatus', referral.status)} · {when(referral.updated_at)}</dd>
        <dt>{t('referral_note')}</dt><dd dir="auto">{referral.note}</dd>
        {referral.feedback && <><dt>{t('feedback_label')}</dt><dd dir="auto">{referral.feedback}</dd></>}
      </dl>
      {next.length > 0 && (
        <div class="grid">
          <label for="referral-feedback">{t('feedback_label')}</label>
          <textarea id="referral-feedback" dir="auto" rows={2} maxLength={2000} value={feedback}
            onInput={(e) => setFeedback((e.target as HTMLTextAreaElement).value)} />
          <div class="actions">
            {next.map((s) => <button key={s} type="button" id={`answer-${s}`} class={s === 'declined' ? '' : 'primary'} onClick={() => answer(s)}>{t(ANSWER_LABEL[s]!)}</button>)}
          </div>
        </div>
      )}
    </article>
  );
}

function PartnerForm({ path, onSaved }: { path: string; onSaved: () => void }) {
  const [name, setName] = useState('');
  const [place, setPlace] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', path, { name: name.trim(), place: place.trim(), contact: contact.trim() });
      setName(''); setPlace(''); setContact(''); setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={t('add_partner')}>
      {error && <Alert>{error}</Alert>}
      <Field name="partner-name" label={t('partner_name')} value={name} onInput={setName} required />
      <Field name="partner-place" label={t('place_label')} value={place} onInput={setPlace} />
      <Field name="partner-contact" label={t('contact_label')} value={contact} onInput={setContact} dir="ltr" />
      <div class="actions"><button type="submit" class="primary">{t('add_partner')}</button></div>
    </form>
  );
}

function ServiceForm({ path, onSaved }: { path: string; onSaved: () => void }) {
  const [type, setType] = useState('legal');
  const [place, setPlace] = useState('');
  const [languages, setLanguages] = useState('');
  const [eligibility, setEligibility] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', path, {
        type, place: place.trim(), contact: contact.trim(), eligibility: eligibility.trim(),
        languages: languages.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean),
      });
      setPlace(''); setLanguages(''); setEligibility(''); setContact(''); setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const id = path.split('/').slice(-2, -1)[0];
  return (
    <form class="grid" onSubmit={submit} aria-label={t('add_service')}>
      {error && <Alert>{error}</Alert>}
      <Choice name={`service-type-${id}`} label={t('service_type_label')} value={type} options={SERVICE_TYPES} prefix="stype" onChange={setType} />
      <Field name={`service-place-${id}`} label={t('place_label')} value={place} onInput={setPlace} />
      <Field name={`service-languages-${id}`} label={t('languages_label')} value={languages} onInput={setLanguages} dir="ltr" />
      <Field name={`service-eligibility-${id}`} label={t('eligibility_label')} value={eligibility} onInput={setEligibility} />
      <Field name={`service-contact-${id}`} label={t('contact_label')} value={contact} onInput={setContact} dir="ltr" />
      <div class="actions"><button type="submit">{t('add_service')}</button></div>
    </form>
  );
}

// Managers choose which of the centre's partner users answer for an organisation.
function Members({ centre, partner, users, onSaved }: { centre: Centre; partner: Partner; users: StaffUser[]; onSaved: () => void }) {
  const [error, setError] = useState('');
  async function toggle(user: string, on: boolean) {
    const ids = on ? [...partner.member_ids, user] : partner.member_ids.filter((x) => x !== user);
    try {
      await api('PUT', `${directoryPath(centre)}/${partner.id}/members`, { user_ids: ids });
      setError('');
      onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (users.length === 0) return null;
  return (
    <fieldset class="choice">
      <legend>{t('members_label')}</legend>
      {error && <Alert>{error}</Alert>}
      {users.map((u) => (
        <label key={u.id} class="check">
          <input type="checkbox" checked={partner.member_ids.includes(u.id)} onChange={(e) => toggle(u.id, (e.target as HTMLInputElement).checked)} />
          {u.display_name}
        </label>
      ))}
    </fieldset>
  );
}

function Directory({ me, centre }: { me: Me; centre: Centre }) {
  const [partners, setPartners] = useState<Partner[]>([]);
  const [users, setUsers] = useState<StaffUser[]>([]);
  const [error, setError] = useState('');
  const keeper = hasRole(me, centre.id, 'manager', 'admin');
  const load = () => api<{ items: Partner[] }>('GET', directoryPath(centre)).then((r) => setPartners(r.items)).catch((e) => setError(errorText(e)));
  useEffect(() => {
    void load();
    if (keeper) {
      api<Page<StaffUser>>('GET', `/api/v1/centres/${centre.id}/users?limit=200`)
        .then((p) => setUsers(p.items.filter((u) => !u.disabled && u.roles.some((g) => g.role === 'partner'))))
        .catch(() => setUsers([]));
    }
  }, [centre.id]);
  return (
    <details>
      <summary>{t('directory_title')}</summary>
      {error && <Alert>{error}</Alert>}
      <ul class="rows" aria-label={t('directory_title')}>
        {partners.map((p) => (
          <li key={p.id} class="row">
            <div>
              <strong>{p.name}</strong> <span class="muted">{p.place} <span dir="ltr">{p.contact}</span></span>
              <ul>
                {p.services.map((s) => (
                  <li key={s.id}>
                    {word('stype', s.type)} · {s.place} · <span dir="ltr">{s.languages.join(', ')}</span>
                    {s.eligibility && <> · {s.eligibility}</>}{!s.active && <> · {t('inactive_label')}</>}
                  </li>
                ))}
              </ul>
              {keeper && <Members centre={centre} partner={p} users={users} onSaved={load} />}
              {keeper && <details><summary>{t('add_service')}</summary><ServiceForm path={`${directoryPath(centre)}/${p.id}/services`} onSaved={load} /></details>}
            </div>
          </li>
        ))}
      </ul>
      {keeper && <PartnerForm path={directoryPath(centre)} onSaved={load} />}
    </details>
  );
}

export function Referrals({ me, centre }: { me: Me; centre: Centre }) {
  const [items, setItems] = useState<ReferralSummary[] | null>(null);
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState('');
  const [error, setError] = useState('');
  const load = () => api<Page<ReferralSummary>>('GET', `${referralsPath(centre)}?limit=200${status ? `&status=${status}` : ''}`)
    .then((p) => setItems(p.items)).catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, [centre.id, status]);
  return (
    <section class="referrals">
      <h1>{t('nav_referrals')}</h1>
      <p class="hint">{t('referrals_intro')}</p>
      {error && <Alert>{error}</Alert>}
      <Directory me={me} centre={centre} />
      <div class="filters">
        <label class="inline">
          <span>{t('status_label')}</span>
          <select id="referral-filter" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t('all_statuses')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{word('rstatus', s)}</option>)}
          </select>
        </label>
      </div>
      <div class="split">
        {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_referrals')}</p> : (
          <ul class="rows" aria-label={t('nav_referrals')}>
            {items.map((r) => (
              <li key={r.id} class="row">
                <button type="button" class="link-button" aria-current={open === r.id ? 'true' : undefined} onClick={() => setOpen(r.id)}>
                  <span dir="ltr">{r.person_code}</span> · {word('stype', r.service_type)}
                </button>
                <span class="muted">{r.partner_name} · {word('rstatus', r.status)} · {when(r.created_at, true)}</span>
              </li>
            ))}
          </ul>
        )}
        {open && <ReferralView centre={centre} id={open} onChanged={load} />}
      </div>
    </section>
  );
}
