// Staff of the current centre: administrators create accounts, change roles, disable, end sessions;
// managers see the list.
import { useEffect, useState } from 'preact/hooks';
import { ALL_ROLES, api, hasRole, type Centre, type Me, type Page, type StaffUser } from '../api';
import { locales, t } from '../i18n';
import { Alert, errorText, Field, listText, Notice, roleName } from '../components/ui';

function RolePicker({ value, onChange, legend }: { value: string[]; onChange: (r: string[]) => void; legend: string }) {
  return (
    <fieldset class="roles">
      <legend>{legend}</legend>
      {ALL_ROLES.map((r) => (
        <label key={r} class="check">
          <input type="checkbox" checked={value.includes(r)}
            onChange={(e) => onChange((e.target as HTMLInputElement).checked ? [...value, r] : value.filter((x) => x !== r))} />
          {roleName(r)}
        </label>
      ))}
    </fieldset>
  );
}

// "prs, ps en" -> ['prs', 'ps', 'en']; the server checks the codes.
function parseLanguages(text: string): string[] {
  return text.split(/[\s,،]+/).map((x) => x.trim().toLowerCase()).filter((x) => x !== '');
}

function NewStaff({ centre, onCreated }: { centre: Centre; onCreated: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [userLocale, setUserLocale] = useState(centre.languages[0] ?? 'en');
  const [roles, setRoles] = useState<string[]>(['counsellor']);
  const [languages, setLanguages] = useState(centre.languages.join(', '));
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/centres/${centre.id}/users`, {
        email, display_name: name, password, roles, languages: parseLanguages(languages),
        locale: locales.some((l) => l.code === userLocale) ? userLocale : 'en',
      });
      setEmail(''); setName(''); setPassword(''); setError('');
      onCreated();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      <Field name="staff-name" label={t('display_name')} value={name} onInput={setName} required />
      <Field name="staff-email" label={t('email')} type="email" value={email} onInput={setEmail} required dir="ltr" />
      <Field name="staff-password" label={t('initial_password')} type="password" value={password}
        onInput={setPassword} required minLength={10} autoComplete="new-password" dir="ltr" />
      <div class="field">
        <label for="staff-locale">{t('language')}</label>
        <select id="staff-locale" value={userLocale} onChange={(e) => setUserLocale((e.target as HTMLSelectElement).value)}>
          {locales.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.autonym}</option>)}
        </select>
      </div>
      <RolePicker value={roles} onChange={setRoles} legend={t('roles')} />
      <Field name="staff-languages" label={t('counsels_in')} value={languages} onInput={setLanguages}
        hint={t('counsels_in_hint')} dir="ltr" />
      <div class="actions"><button type="submit" class="primary">{t('create')}</button></div>
    </form>
  );
}

function StaffRow({ u, centre, canAdmin, onChanged }: { u: StaffUser; centre: Centre; canAdmin: boolean; onChanged: (msg: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState(u.roles.filter((g) => g.centre === centre.id).map((g) => g.role));
  const [languages, setLanguages] = useState(u.languages.join(', '));
  const [error, setError] = useState('');
  const path = `/api/v1/centres/${centre.id}/users/${u.id}`;
  const run = (f: () => Promise<unknown>) => f().then(() => { setError(''); setEditing(false); onChanged(t('saved')); })
    .catch((e) => setError(errorText(e)));
  return (
    <li class="row">
      <div>
        <strong>{u.display_name}</strong> <span class="muted" dir="ltr">{u.email}</span>
        <div class="muted">
          {listText(u.roles.map((g) => roleName(g.role)))} · {u.disabled ? t('disabled') : t('active')}
          {u.languages.length > 0 && <> · {t('counsels_in')}: <span dir="ltr">{u.languages.join(', ')}</span></>}
        </div>
        {error && <Alert>{error}</Alert>}
        {editing && <RolePicker value={roles} onChange={setRoles} legend={t('roles')} />}
        {editing && <Field name={`languages-${u.id}`} label={t('counsels_in')} value={languages} onInput={setLanguages}
          hint={t('counsels_in_hint')} dir="ltr" />}
      </div>
      {canAdmin && <div class="actions">
        {editing
          ? <><button type="button" class="primary" onClick={() => run(() => api('PATCH', path, { roles, languages: parseLanguages(languages) }))}>{t('save')}</button>
            <button type="button" onClick={() => setEditing(false)}>{t('cancel')}</button></>
          : <button type="button" onClick={() => setEditing(true)}>{t('edit')}</button>}
        <button type="button" onClick={() => run(() => api('PATCH', path, { disabled: !u.disabled }))}>
          {u.disabled ? t('enable') : t('disable')}
        </button>
        <button type="button" onClick={() => run(() => api('POST', `${path}/sign-out-everywhere`))}>{t('end_sessions')}</button>
      </div>}
    </li>
  );
}

export function Staff({ me, centre }: { me: Me; centre: Centre }) {
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const canAdmin = hasRole(me, centre.id, 'admin');

  async function load(after: string | null) {
    try {
      const page = await api<Page<StaffUser>>('GET', `/api/v1/centres/${centre.id}/users?limit=50${after ? `&cursor=${after}` : ''}`);
      setUsers((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      setError(errorText(e));
    }
  }
  useEffect(() => { setUsers(null); void load(null); }, [centre.id]);
  const changed = (msg: string) => { setNotice(msg); void load(null); };

  return (
    <section>
      <h1>{t('staff_title', { centre: centre.name })}</h1>
      {error && <Alert>{error}</Alert>}
      {notice && <Notice>{notice}</Notice>}
      {users === null ? <p>{t('loading')}</p> : (
        <ul class="rows">
          {users.map((u) => <StaffRow key={u.id + u.disabled + u.roles.length} u={u} centre={centre} canAdmin={canAdmin} onChanged={changed} />)}
        </ul>
      )}
      {cursor && <button type="button" onClick={() => load(cursor)}>{t('load_more')}</button>}
      {canAdmin && <>
        <h2>{t('new_staff')}</h2>
        <NewStaff centre={centre} onCreated={() => changed(t('saved'))} />
      </>}
    </section>
  );
}
