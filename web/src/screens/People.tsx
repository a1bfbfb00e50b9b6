// People behind conversations: a list of codes and migration profiles; one person's identifying
// details (an audited read), consent per purpose, migration profile and its history; managers can
// destroy a person's data.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, hasRole, type Centre, type Me, type MigrationProfile, type Page, type Person, type PersonSummary } from '../api';
import { t } from '../i18n';
import { PersonCases } from './Cases';
import { Duplicates, IdentityFacts } from './Duplicates';
import { ConversationLinks } from './ConversationLinks';
import { Alert, Choice, Field, Notice, errorText, when, word } from '../components/ui';

const AGE_BANDS = ['0-17', '18-24', '25-34', '35-49', '50-64', '65+'];
const SEXES = ['female', 'male', 'other'];
const STAGES = ['potential', 'intending', 'outgoing', 'in_transit', 'abroad', 'returnee'];
const REASONS = ['work', 'family', 'study', 'safety', 'conflict', 'climate', 'health', 'other'];
const PURPOSES = ['counselling', 'referral', 'follow_up', 'statistics'];
const BASES = ['consent', 'vital_interest', 'legal_obligation'];
const CHANNELS = ['verbal', 'written', 'app'];

const day = (ms: number | null) => (ms ? when(ms, true) : '');

// The identifying details of a new person, or of one being corrected.
function IdentityForm({ initial, submitLabel, onSubmit }: {
  initial?: Person['identity']; submitLabel: string; onSubmit: (body: Record<string, unknown>) => Promise<void>;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [latin, setLatin] = useState(initial?.name_latin ?? '');
  const [birth, setBirth] = useState(initial?.birth_date ?? '');
  const [band, setBand] = useState(initial?.age_band ?? '');
  const [sex, setSex] = useState(initial?.sex ?? '');
  const [nationality, setNationality] = useState(initial?.nationality ?? '');
  const [phone, setPhone] = useState(initial?.phones.join(', ') ?? '');
  const [docType, setDocType] = useState(initial?.documents[0]?.type ?? 'passport');
  const [docNumber, setDocNumber] = useState(initial?.documents[0]?.number ?? '');
  const [error, setError] = useState('');
  const id = initial ? 'edit' : 'new';
  async function submit(e: Event) {
    e.preventDefault();
    const body: Record<string, unknown> = {
      name: name.trim(), name_latin: latin.trim(), birth_date: birth, age_band: birth ? '' : band, sex,
      nationality: nationality.trim().toUpperCase(),
      phones: phone.split(',').map((p) => p.trim()).filter(Boolean),
      documents: docNumber.trim() ? [{ type: docType.trim() || 'passport', number: docNumber.trim() }] : [],
    };
    try {
      await onSubmit(body);
      setError('');
      if (!initial) { setName(''); setLatin(''); setBirth(''); setBand(''); setSex(''); setNationality(''); setPhone(''); setDocNumber(''); }
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={submitLabel}>
      {error && <Alert>{error}</Alert>}
      <Field name={`person-name-${id}`} label={t('name_native')} value={name} onInput={setName} />
      <Field name={`person-latin-${id}`} label={t('name_latin')} value={latin} onInput={setLatin} dir="ltr" />
      <div class="field">
        <label for={`person-birth-${id}`}>{t('birth_date')}</label>
        <input id={`person-birth-${id}`} type="date" value={birth} dir="ltr" onInput={(e) => setBirth((e.target as HTMLInputElement).value)} />
      </div>
      {!birth && <Choice name={`person-band-${id}`} label={t('age_band')} value={band} options={AGE_BANDS} prefix="" onChange={setBand} blank={t('not_given')} />}
      <Choice name={`person-sex-${id}`} label={t('sex_label')} value={sex} options={SEXES} prefix="sex" onChange={setSex} blank={t('not_given')} />
      <Field name={`person-nationality-${id}`} label={t('nationality_label')} value={nationality} onInput={setNationality} dir="ltr" />
      <Field name={`person-phone-${id}`} label={t('person_phone')} value={phone} onInput={setPhone} inputMode="numeric" dir="ltr" />
      <Field name={`person-doc-type-${id}`} label={t('document_type')} value={docType} onInput={setDocType} dir="ltr" />
      <Field name={`person-doc-number-${id}`} label={t('document_number')} value={docNumber} onInput={setDocNumber} dir="ltr" />
      <div class="actions"><button type="submit" class="primary">{submitLabel}</button></div>
    </form>
  );
}

function ProfileForm({ path, profile, onSaved }: { path: string; profile: MigrationProfile; onSaved: () => void }) {
  const [stage, setStage] = useState(profile.stage);
  const [destination, setDestination] = useState(profile.destination);
  const [route, setRoute] = useState(profile.route);
  const [reasons, setReasons] = useState<string[]>(profile.reasons);
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('PUT', `${path}/profile`, { stage, destination: destination.trim().toUpperCase(), route: route.trim(), reasons });
      setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={t('profile_title')}>
      {error && <Alert>{error}</Alert>}
      <Choice name="profile-stage" label={t('stage_label')} value={stage} options={STAGES} prefix="stage" onChange={setStage} blank={t('not_given')} />
      <Field name="profile-destination" label={t('destination_label')} value={destination} onInput={setDestination} dir="ltr" />
      <Field name="profile-route" label={t('route_label')} value={route} onInput={setRoute} />
      <fieldset class="choice">
        <legend>{t('reasons_label')}</legend>
        {REASONS.map((r) => (
          <label key={r} class="check">
            <input type="checkbox" name="profile-reason" value={r} checked={reasons.includes(r)}
              onChange={(e) => setReasons((e.target as HTMLInputElement).checked ? [...reasons, r] : reasons.filter((x) => x !== r))} />
            {word('reason', r)}
          </label>
        ))}
      </fieldset>
      <div class="actions"><button type="submit" class="primary">{t('save')}</button></div>
    </form>
  );
}

function ConsentForm({ path, onSaved }: { path: string; onSaved: () => void }) {
  const [purpose, setPurpose] = useState('counselling');
  const [basis, setBasis] = useState('consent');
  const [channel, setChannel] = useState('verbal');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `${path}/consents`, { purpose, basis, channel });
      setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={t('give_consent')}>
      {error && <Alert>{error}</Alert>}
      <Choice name="consent-purpose" label={t('consent_purpose')} value={purpose} options={PURPOSES} prefix="purpose" onChange={setPurpose} />
      <Choice name="consent-basis" label={t('consent_basis')} value={basis} options={BASES} prefix="basis" onChange={setBasis} />
      <Choice name="consent-channel" label={t('consent_channel')} value={channel} options={CHANNELS} prefix="via" onChange={setChannel} />
      <div class="actions"><button type="submit" class="primary">{t('give_consent')}</button></div>
    </form>
  );
}

function PersonView({ me, centre, id, onChanged, onOpen }: {
  me: Me; centre: Centre; id: string; onChanged: () => void; onOpen: (person: string) => void;
}) {
  const [person, setPerson] = useState<Person | null>(null);
  const [history, setHistory] = useState<MigrationProfile[] | null>(null);  // read when opened
  const [historyOpen, setHistoryOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const path = `/api/v1/centres/${centre.id}/people/${id}`;
  const load = async () => {
    try {
      setPerson(await api<Person>('GET', path));
      setHistory(null);
      if (historyOpen) await loadHistory();
    } catch (e) {
      setError(errorText(e));
    }
  };
  // The history opens the sealed routes (an audited read): only when someone opens it.
  const loadHistory = async () => {
    try {
      setHistory((await api<{ items: MigrationProfile[] }>('GET', `${path}/profile/history`)).items);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => { setPerson(null); setEditing(false); setNotice(''); setHistoryOpen(false); setHistory(null); void load(); }, [id]);
  const changed = (message = t('saved')) => { setNotice(message); void load(); onChanged(); };
  async function withdraw(consent: string) {
    try {
      await api('POST', `${path}/consents/${consent}/withdraw`);
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function undo(merge: string) {
    try {
      await api('POST', `/api/v1/centres/${centre.id}/merges/${merge}/undo`);
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function shred() {
    if (!confirm(t('shred_confirm'))) return;
    try {
      await api('POST', `${path}/shred`);
      changed(t('shredded_label'));
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (!person) return error ? <Alert>{error}</Alert> : <p>{t('loading')}</p>;
  const identity = person.identity;
  return (
    <article class="person" aria-labelledby="person-title">
      <h2 id="person-title" dir="ltr">{person.code}</h2>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      {person.merged_into && (
        <div class="card" role="status">
          <p>{t('merged_into_label', { code: person.merged_into.code })}</p>
          <div class="actions">
            <button type="button" onClick={() => onOpen(person.merged_into!.person_id)}>{t('open_record', { code: person.merged_into.code })}</button>
            <button type="button" onClick={() => undo(person.merged_into!.merge_id)}>{t('undo_merge')}</button>
          </div>
        </div>
      )}
      {person.merged.length > 0 && (
        <section aria-labelledby="merged-title">
          <h3 id="merged-title">{t('merged_records')}</h3>
          <ul class="rows">
            {person.merged.map((m) => (
              <li key={m.merge_id} class="row">
                <span dir="ltr">{m.code}</span>
                <button type="button" onClick={() => undo(m.merge_id)}>{t('undo_merge')}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="identity-title">
        <h3 id="identity-title">{t('identity_title')}</h3>
        {!identity ? <p>{t('shredded_label')}</p> : editing && !person.merged_into ? (
          <IdentityForm initial={identity} submitLabel={t('save')} onSubmit={async (body) => {
            await api('PUT', `${path}/identity`, body);
            setEditing(false);
            changed();
          }} />
        ) : (
          <>
            <IdentityFacts identity={identity} />
            {!person.merged_into && <button type="button" onClick={() => setEditing(true)}>{t('edit')}</button>}
          </>
        )}
      </section>
      {!person.shredded && person.conversation_ids.length > 0 && <ConversationLinks centre={centre} ids={person.conversation_ids} />}
      {!person.shredded && !person.merged_into && <>
        <section aria-labelledby="consent-title">
          <h3 id="consent-title">{t('consent_title')}</h3>
          <ul class="rows">
            {person.consents.map((c) => (
              <li key={c.id} class="row">
                <span>{word('purpose', c.purpose)} · {word('basis', c.basis)} · {word('via', c.channel)} · {day(c.given_at)}</span>
                {c.withdrawn_at ? <span class="muted">{t('withdrawn')} {day(c.withdrawn_at)}</span>
                  : <button type="button" onClick={() => withdraw(c.id)}>{t('withdraw')}</button>}
              </li>
            ))}
          </ul>
          <ConsentForm path={path} onSaved={() => changed()} />
        </section>
        <section aria-labelledby="profile-heading">
          <h3 id="profile-heading">{t('profile_title')}</h3>
          <ProfileForm key={person.profile.changed_at ?? 0} path={path} profile={person.profile} onSaved={() => changed()} />
          {person.profile.changed_at != null && (
            <details class="profile-history" open={historyOpen} onToggle={(e) => {
              const open = (e.target as HTMLDetailsElement).open;
              setHistoryOpen(open);
              if (open && !history) void loadHistory();
            }}>
              <summary>{t('profile_history')}</summary>
              {!history ? <p>{t('loading')}</p> : (
                <ol class="rows">
                  {history.map((h) => (
                    <li key={h.changed_at ?? 0}>
                      {day(h.changed_at)}: {h.stage ? word('stage', h.stage) : t('not_given')} {h.destination && <span dir="ltr">→ {h.destination}</span>}
                      {h.route && <> · <bdi dir="auto">{h.route}</bdi></>}
                    </li>
                  ))}
                </ol>
              )}
            </details>
          )}
        </section>
        {hasRole(me, centre.id, 'counsellor', 'manager') && <PersonCases centre={centre} person={id} />}
        {hasRole(me, centre.id, 'manager') && (
          <section aria-labelledby="shred-title">
            <h3 id="shred-title">{t('shred_person')}</h3>
            <p class="hint">{t('shred_confirm')}</p>
            <button type="button" class="danger" onClick={shred}>{t('shred_person')}</button>
          </section>
        )}
      </>}
    </article>
  );
}

// In the inbox: make the person behind a conversation (and those linked to it) a record, and open it.
export function PersonRecord({ centre, conversation }: { centre: Centre; conversation: string }) {
  const [error, setError] = useState('');
  async function make() {
    try {
      const made = await api<Person>('POST', `/api/v1/centres/${centre.id}/people`, { conversation_id: conversation });
      sessionStorage.setItem('serai.person', made.id);
      location.hash = '#/people';
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'conversation_has_person' ? e.detail : errorText(e));
    }
  }
  return (
    <div class="person-record">
      <button type="button" id="make-person" onClick={make}>{t('make_person')}</button>
      {error && <p class="hint" role="status">{error}</p>}
    </div>
  );
}

// Managers: how long the centre keeps people it has not been in touch with.
function Retention({ centre }: { centre: Centre }) {
  const [days, setDays] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const path = `/api/v1/centres/${centre.id}/people-retention`;
  useEffect(() => { api<{ days: number }>('GET', path).then((r) => setDays(String(r.days))).catch((e) => setError(errorText(e))); }, [centre.id]);
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('PUT', path, { days: Number(days) });
      setError('');
      setMessage(t('saved'));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <details>
      <summary>{t('retention_label')}</summary>
      <form class="card grid" onSubmit={submit} aria-label={t('retention_label')}>
        {error && <Alert>{error}</Alert>}
        {message && <Notice>{message}</Notice>}
        <Field name="retention-days" label={t('retention_days')} value={days} onInput={setDays} inputMode="numeric" dir="ltr" hint={t('retention_hint')} />
        <div class="actions"><button type="submit" class="primary">{t('save')}</button></div>
      </form>
    </details>
  );
}

export function People({ me, centre }: { me: Me; centre: Centre }) {
  const [items, setItems] = useState<PersonSummary[] | null>(null);
  // A person just made from a conversation in the inbox opens at once.
  const [open, setOpen] = useState(() => {
    const made = sessionStorage.getItem('serai.person') ?? '';
    sessionStorage.removeItem('serai.person');
    return made;
  });
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [changes, setChanges] = useState(0);
  const path = `/api/v1/centres/${centre.id}/people`;
  const load = () => api<Page<PersonSummary>>('GET', `${path}?limit=200`).then((p) => setItems(p.items)).catch((e) => setError(errorText(e)));
  const reload = () => { setChanges((n) => n + 1); return load(); };
  useEffect(() => { void load(); }, [centre.id]);
  return (
    <section class="people">
      <h1>{t('nav_people')}</h1>
      <p class="hint">{t('people_intro')}</p>
      {error && <Alert>{error}</Alert>}
      {notice && <Notice>{notice}</Notice>}
      {hasRole(me, centre.id, 'manager') && <Retention centre={centre} />}
      <Duplicates centre={centre} refresh={changes} onMerged={(person) => { void load(); setOpen(person); }} />
      <details>
        <summary>{t('new_person')}</summary>
        <IdentityForm submitLabel={t('create_person')} onSubmit={async (body) => {
          const made = await api<Person>('POST', path, body);
          await reload();
          setNotice(made.duplicates.length ? t('may_be_duplicate', { codes: made.duplicates.map((d) => d.code).join(', ') }) : '');
          setOpen(made.id);
        }} />
      </details>
      <div class="split">
        {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_people')}</p> : (
          <ul class="rows" aria-label={t('nav_people')}>
            {items.map((p) => (
              <li key={p.id} class="row">
                <button type="button" class="link-button" aria-current={open === p.id ? 'true' : undefined} onClick={() => setOpen(p.id)}>
                  <span dir="ltr">{p.code}</span>
                </button>
                <span class="muted">
                  {p.shredded ? t('shredded_label') : p.profile.stage ? word('stage', p.profile.stage) : ''}
                  {p.profile.destination && <span dir="ltr"> → {p.profile.destination}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
        {open && <PersonView me={me} centre={centre} id={open} onChanged={reload} onOpen={setOpen} />}
      </div>
    </section>
  );
}
