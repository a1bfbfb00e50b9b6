// Administrators open centres and change their details.
import { useState } from 'preact/hooks';
import { api, hasRole, type Centre, type Me } from '../api';
import { t } from '../i18n';
import { Alert, Field, Notice, errorText } from '../components/ui';

interface Draft { name: string; country: string; city: string; languages: string; time_zone: string; target: string }

const empty: Draft = { name: '', country: '', city: '', languages: '', time_zone: '', target: '120' };

function toDraft(c: Centre): Draft {
  return {
    name: c.name, country: c.country, city: c.city, languages: c.languages.join(', '), time_zone: c.time_zone,
    target: String(c.response_target_minutes),
  };
}

function CentreForm({ initial, fixedCountry, onSave, onCancel }: {
  initial: Draft; fixedCountry: boolean; onSave: (d: Draft) => Promise<void>; onCancel?: () => void;
}) {
  const [d, setD] = useState(initial);
  const [error, setError] = useState('');
  const set = (k: keyof Draft) => (v: string) => setD({ ...d, [k]: v });
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await onSave(d);
      setError('');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit}>
      {error && <Alert>{error}</Alert>}
      <Field name="centre-name" label={t('name')} value={d.name} onInput={set('name')} required />
      {!fixedCountry && <Field name="centre-country" label={t('country')} value={d.country} onInput={set('country')} required dir="ltr" />}
      <Field name="centre-city" label={t('city')} value={d.city} onInput={set('city')} required />
      <Field name="centre-languages" label={t('languages')} value={d.languages} onInput={set('languages')}
        hint={t('languages_hint')} required dir="ltr" />
      <Field name="centre-tz" label={t('time_zone')} value={d.time_zone} onInput={set('time_zone')} required dir="ltr" />
      <Field name="centre-target" label={t('response_target')} value={d.target} onInput={set('target')} inputMode="numeric"
        required dir="ltr" />
      <div class="actions">
        <button type="submit" class="primary">{t('save')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('cancel')}</button>}
      </div>
    </form>
  );
}

const langs = (s: string) => s.split(/[,\s،]+/).map((x) => x.trim()).filter(Boolean);

export function Centres({ me, centres, onChanged }: { me: Me; centres: Centre[]; onChanged: () => void }) {
  const [editing, setEditing] = useState('');
  const [notice, setNotice] = useState('');
  const global = me.roles.some((g) => g.centre === '*' && g.role === 'admin');

  async function create(d: Draft) {
    await api('POST', '/api/v1/centres', {
      name: d.name, country: d.country, city: d.city, languages: langs(d.languages), time_zone: d.time_zone,
      response_target_minutes: Number(d.target),
    });
    setNotice(t('saved'));
    onChanged();
  }
  async function update(id: string, d: Draft) {
    await api('PATCH', `/api/v1/centres/${id}`, {
      name: d.name, city: d.city, languages: langs(d.languages), time_zone: d.time_zone,
      response_target_minutes: Number(d.target),
    });
    setEditing('');
    setNotice(t('saved'));
    onChanged();
  }

  return (
    <section>
      <h1>{t('centres_title')}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ul class="rows">
        {centres.map((c) => (
          <li key={c.id} class="row">
            {editing === c.id
              ? <CentreForm initial={toDraft(c)} fixedCountry onSave={(d) => update(c.id, d)} onCancel={() => setEditing('')} />
              : <>
                <div><strong>{c.name}</strong> <span class="muted">{c.city} · <span dir="ltr">{c.country} · {c.languages.join(', ')}</span></span></div>
                {hasRole(me, c.id, 'admin') && <button type="button" onClick={() => setEditing(c.id)}>{t('edit')}</button>}
              </>}
          </li>
        ))}
      </ul>
      {global && <>
        <h2>{t('new_centre')}</h2>
        <CentreForm initial={empty} fixedCountry={false} onSave={create} />
      </>}
    </section>
  );
}
