// Reintegration monitoring on a reintegration case (assessments, plan milestones, follow-ups and the
// set-backs raised), and the managers' queue of set-backs, each resolved with how it was addressed.
import { useEffect, useState } from 'preact/hooks';
import { api, type CaseFile, type Centre, type Monitoring, type Setback } from '../api';
import { t } from '../i18n';
import { Alert, Field, Notice, dayText, errorText, today, when, word } from '../components/ui';

const DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
const SCORES = ['1', '2', '3', '4', '5'];

// A set-back's reason in the reader's language, from its rule and numbers.
export function setbackReason(s: Setback): string {
  const d = s.detail;
  switch (s.rule) {
    case 'missed_follow_up': return t('setback_missed_follow_up', { months: String(d.months ?? ''), due: d.due_on ? dayText(d.due_on) : '' });
    case 'score_drop': return t('setback_score_drop', { dimension: word('dim', d.dimension ?? ''), from: String(d.from ?? ''), to: String(d.to ?? '') });
    case 'milestone_overdue': return t('setback_milestone_overdue', { due: d.due_on ? dayText(d.due_on) : '' });
    default: return t('setback_distress');
  }
}

function AssessmentForm({ path, monitoring, onSaved }: { path: string; monitoring: Monitoring; onSaved: () => void }) {
  const [scores, setScores] = useState<Record<string, string>>({ economic: '3', social: '3', psychosocial: '3' });
  const [distress, setDistress] = useState(false);
  const [followUp, setFollowUp] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `${path}/assessments`, {
        economic: Number(scores.economic), social: Number(scores.social), psychosocial: Number(scores.psychosocial),
        distress, note: note.trim(), ...(followUp ? { follow_up_id: followUp } : {}),
      });
      setDistress(false); setNote(''); setFollowUp(''); setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={t('add_assessment')}>
      {error && <Alert>{error}</Alert>}
      <p class="hint">{t('score_hint')}</p>
      {DIMENSIONS.map((d) => (
        <div class="field" key={d}>
          <label for={`score-${d}`}>{word('dim', d)}</label>
          <select id={`score-${d}`} value={scores[d]} onChange={(e) => setScores({ ...scores, [d]: (e.target as HTMLSelectElement).value })}>
            {SCORES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      ))}
      <label class="check">
        <input type="checkbox" id="assessment-distress" checked={distress} onChange={(e) => setDistress((e.target as HTMLInputElement).checked)} />
        {t('distress_label')}
      </label>
      <div class="field">
        <label for="assessment-follow-up">{t('for_follow_up')}</label>
        <select id="assessment-follow-up" value={followUp} onChange={(e) => setFollowUp((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {monitoring.follow_ups.filter((f) => !f.done).map((f) => (
            <option key={f.id} value={f.id}>{t('follow_up_months', { n: String(f.months) })} · {dayText(f.due_on)}</option>
          ))}
        </select>
      </div>
      <label for="assessment-note">{t('notes_title')}</label>
      <textarea id="assessment-note" dir="auto" rows={2} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      <div class="actions"><button type="submit" class="primary">{t('add_assessment')}</button></div>
    </form>
  );
}

export function ReintegrationPanel({ centre, file }: { centre: Centre; file: CaseFile }) {
  const [m, setM] = useState<Monitoring | null>(null);
  const [start, setStart] = useState(today());
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState('');
  const path = `/api/v1/centres/${centre.id}/cases/${file.id}/reintegration`;
  const load = () => api<Monitoring>('GET', path).then(setM).catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, [file.id]);
  async function run(call: () => Promise<unknown>) {
    try {
      await call();
      setError('');
      void load();
    } catch (e) {
      setError(errorText(e));
    }
  }
  if (!m) return error ? <Alert>{error}</Alert> : null;
  return (
    <section aria-labelledby="reintegration-title" class="reintegration">
      <h3 id="reintegration-title">{t('reintegration_title')}</h3>
      {error && <Alert>{error}</Alert>}
      {!m.started ? (
        <form class="grid" onSubmit={(e) => { e.preventDefault(); void run(() => api('POST', path, { start_on: start })); }} aria-label={t('start_monitoring')}>
          <div class="field">
            <label for="monitoring-start">{t('start_on_label')}</label>
            <input id="monitoring-start" type="date" required value={start} dir="ltr" onInput={(e) => setStart((e.target as HTMLInputElement).value)} />
          </div>
          <div class="actions"><button type="submit" class="primary">{t('start_monitoring')}</button></div>
        </form>
      ) : <>
        {m.setbacks.filter((s) => !s.resolved_at).map((s) => <Alert key={s.id}>{setbackReason(s)}</Alert>)}
        <h4>{t('follow_ups_title')}</h4>
        <ul class="rows" aria-label={t('follow_ups_title')}>
          {m.follow_ups.map((f) => (
            <li key={f.id} class={`row${f.done ? ' done' : f.due_on < today() ? ' overdue' : ''}`}>
              <span>{t('follow_up_months', { n: String(f.months) })}</span>
              <span class="muted">{dayText(f.due_on)}{f.done && <> · {t('done_label')}</>}</span>
            </li>
          ))}
        </ul>
        <h4>{t('assessments_title')}</h4>
        <ol class="rows">
          {m.assessments.map((a) => (
            <li key={a.id}>
              <span class="muted">{when(a.assessed_at, true)}</span>{' '}
              {DIMENSIONS.map((d) => `${word('dim', d)} ${a[d]}`).join(' · ')}
              {a.distress && <> · {t('distress_label')}</>}
              {a.note && <p dir="auto">{a.note}</p>}
            </li>
          ))}
        </ol>
        <details><summary>{t('add_assessment')}</summary><AssessmentForm path={path} monitoring={m} onSaved={load} /></details>
        <h4>{t('milestones_title')}</h4>
        <ul class="rows" aria-label={t('milestones_title')}>
          {m.milestones.map((x) => (
            <li key={x.id} class={`row${x.done ? ' done' : ''}`}>
              <span dir="auto">{x.title}</span>
              <span class="muted">{t('due_on_label')} {dayText(x.due_on)}</span>
              <button type="button" onClick={() => run(() => api('PATCH', `${path}/milestones/${x.id}`, { done: !x.done }))}>{x.done ? t('reopen') : t('mark_done')}</button>
            </li>
          ))}
        </ul>
        <form class="grid" aria-label={t('add_milestone')} onSubmit={(e) => {
          e.preventDefault();
          void run(async () => { await api('POST', `${path}/milestones`, { title: title.trim(), due_on: due }); setTitle(''); setDue(''); });
        }}>
          <Field name="milestone-title" label={t('milestones_title')} value={title} onInput={setTitle} required />
          <div class="field">
            <label for="milestone-due">{t('due_on_label')}</label>
            <input id="milestone-due" type="date" required value={due} dir="ltr" onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
          </div>
          <div class="actions"><button type="submit">{t('add_milestone')}</button></div>
        </form>
      </>}
    </section>
  );
}

function SetbackRow({ centre, setback, onResolved }: { centre: Centre; setback: Setback; onResolved: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  async function resolve(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/centres/${centre.id}/setbacks/${setback.id}/resolve`, { note: note.trim() });
      onResolved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  function openCase() {
    sessionStorage.setItem('serai.case', setback.case_id);
    location.hash = '#/cases';
  }
  return (
    <li class="row setback">
      <div>
        <strong class="reason">{setbackReason(setback)}</strong>
        <p class="muted">
          <button type="button" class="link-button" onClick={openCase}><span dir="ltr">{setback.case_number}</span></button>
          {' · '}<span dir="ltr">{setback.person_code}</span> · {t('raised_label')} {when(setback.raised_at)}
        </p>
        <form class="grid" onSubmit={resolve} aria-label={t('resolve')}>
          {error && <Alert>{error}</Alert>}
          <label for={`resolution-${setback.id}`}>{t('resolution_label')}</label>
          <textarea id={`resolution-${setback.id}`} dir="auto" rows={2} required maxLength={2000} value={note}
            onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          <div class="actions"><button type="submit" class="primary">{t('resolve')}</button></div>
        </form>
      </div>
    </li>
  );
}

export function Setbacks({ centre }: { centre: Centre }) {
  const [items, setItems] = useState<Setback[] | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const load = () => api<{ items: Setback[] }>('GET', `/api/v1/centres/${centre.id}/setbacks`).then((r) => setItems(r.items)).catch((e) => setError(errorText(e)));
  useEffect(() => { void load(); }, [centre.id]);
  return (
    <section class="setbacks">
      <h1>{t('nav_setbacks')}</h1>
      <p class="hint">{t('setbacks_intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_setbacks')}</p> : (
        <ul class="rows" aria-label={t('nav_setbacks')}>
          {items.map((s) => <SetbackRow key={s.id} centre={centre} setback={s} onResolved={() => { setNotice(t('saved')); void load(); }} />)}
        </ul>
      )}
    </section>
  );
}
