// Cases: the counsellor's reminders for today, the centre's cases (working ones by default, or
// only their own), and one case with its status, owner, notes, tasks and conversations. Cases are
// opened from a person (People) and conversations are added to them from the inbox.
import { useEffect, useState } from 'preact/hooks';
import { api, type Partner, type CaseFile, type CaseSummary, type CaseTask, type Centre, type Me, type Page, type QueueOverview, type StaffMember } from '../api';
import { t } from '../i18n';
import { ReintegrationPanel } from './Reintegration';
import { ConversationLinks } from './ConversationLinks';
import { Alert, Choice, dayText, errorText, Field, listText, Notice, today, when, word } from '../components/ui';

export const CASE_TYPES = ['counselling', 'labour_grievance', 'protection_referral', 'reintegration'];
export const CASE_CATEGORIES: Record<string, string[]> = {
  labour_grievance: ['passport_confiscated', 'no_contract', 'unpaid_wages', 'social_insurance', 'vaccination', 'leave_refused', 'other'],
  protection_referral: ['trafficking', 'smuggling', 'violence', 'other'],
};
const STATUSES = ['open', 'in_progress', 'waiting', 'closed'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

const casesPath = (centre: Centre) => `/api/v1/centres/${centre.id}/cases`;

// The reminders whose day has come (today on this device), for the menu's count and the list.
export async function loadReminders(centre: Centre): Promise<CaseTask[]> {
  return (await api<{ items: CaseTask[] }>('GET', `/api/v1/centres/${centre.id}/my-tasks?today=${today()}`)).items;
}

// The categories a case of `type` may have, as checkboxes.
export function Categories({ type, value, onChange }: { type: string; value: string[]; onChange: (v: string[]) => void }) {
  const options = CASE_CATEGORIES[type] ?? [];
  if (options.length === 0) return null;
  return (
    <fieldset class="choice">
      <legend>{t('categories_label')}</legend>
      {options.map((c) => (
        <label key={c} class="check">
          <input type="checkbox" name="case-category" value={c} checked={value.includes(c)}
            onChange={(e) => onChange((e.target as HTMLInputElement).checked ? [...value, c] : value.filter((x) => x !== c))} />
          {word('ccat', c)}
        </label>
      ))}
    </fieldset>
  );
}

function Reminders({ tasks, onOpen, onDone }: { tasks: CaseTask[]; onOpen: (caseId: string) => void; onDone: (task: CaseTask) => void }) {
  const now = today();
  return (
    <section class="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('my_reminders')}</h2>
      {tasks.length === 0 ? <p>{t('no_reminders')}</p> : (
        <ul class="rows">
          {tasks.map((task) => (
            <li key={task.id} class={`row${task.due_on < now ? ' overdue' : ''}`}>
              <button type="button" class="link-button" onClick={() => onOpen(task.case_id)}><span dir="ltr">{task.case_number}</span></button>
              <span dir="auto">{task.title}</span>
              <span class="muted">{t('due_on_label')} {dayText(task.due_on)}{task.due_on < now && <> · {t('overdue')}</>}</span>
              <button type="button" onClick={() => onDone(task)}>{t('mark_done')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskForm({ path, staff, owner, onSaved }: { path: string; staff: StaffMember[]; owner: string; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [remind, setRemind] = useState('');
  const [assignee, setAssignee] = useState(owner);
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `${path}/tasks`, { title: title.trim(), due_on: due, ...(remind ? { remind_on: remind } : {}), ...(assignee ? { assignee_id: assignee } : {}) });
      setTitle(''); setDue(''); setRemind(''); setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} aria-label={t('add_task')}>
      {error && <Alert>{error}</Alert>}
      <Field name="task-title" label={t('task_label')} value={title} onInput={setTitle} required />
      <div class="field">
        <label for="task-due">{t('due_on_label')}</label>
        <input id="task-due" type="date" required value={due} dir="ltr" onInput={(e) => setDue((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="task-remind">{t('remind_on_label')}</label>
        <input id="task-remind" type="date" value={remind} max={due || undefined} dir="ltr" onInput={(e) => setRemind((e.target as HTMLInputElement).value)} />
      </div>
      <StaffChoice name="task-assignee" label={t('assignee_label')} staff={staff} value={assignee} onChange={setAssignee} />
      <div class="actions"><button type="submit" class="primary">{t('add_task')}</button></div>
    </form>
  );
}

function StaffChoice({ name, label, staff, value, onChange }: { name: string; label: string; staff: StaffMember[]; value: string; onChange: (v: string) => void }) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <select id={name} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {staff.map((m) => <option key={m.id} value={m.id}>{m.display_name}</option>)}
        {value && !staff.some((m) => m.id === value) && <option value={value}>{t('assigned_to_other')}</option>}
      </select>
    </div>
  );
}

function NoteForm({ path, onSaved }: { path: string; onSaved: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `${path}/notes`, { text });
      setText(''); setError('');
      onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="grid" onSubmit={submit} aria-label={t('add_note')}>
      {error && <Alert>{error}</Alert>}
      <label for="case-note">{t('add_note')}</label>
      <textarea id="case-note" dir="auto" rows={3} maxLength={4000} required value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="actions"><button type="submit">{t('add_note')}</button></div>
    </form>
  );
}

// Refer the case's person to a partner's service (the server refuses without their consent).
function ReferForm({ centre, file }: { centre: Centre; file: CaseFile }) {
  const [partners, setPartners] = useState<Partner[]>([]);
  const [service, setService] = useState('');
  const [note, setNote] = useState('');
  const [share, setShare] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    api<{ items: Partner[] }>('GET', `/api/v1/centres/${centre.id}/partners`).then((r) => setPartners(r.items)).catch(() => setPartners([]));
  }, [centre.id]);
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/centres/${centre.id}/referrals`, { person_id: file.person_id, case_id: file.id, service_id: service, note: note.trim(), share_identity: share });
      setNote(''); setShare(false); setError(''); setNotice(t('rstatus_sent'));
    } catch (err) {
      setNotice('');
      setError(errorText(err));
    }
  }
  return (
    <details>
      <summary>{t('refer_title')}</summary>
      <form class="card grid" onSubmit={submit} aria-label={t('refer_title')}>
        {notice && <Notice>{notice}</Notice>}
        {error && <Alert>{error}</Alert>}
        <div class="field">
          <label for="refer-service">{t('service_type_label')}</label>
          <select id="refer-service" required value={service} onChange={(e) => setService((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {partners.flatMap((p) => p.services.filter((s) => s.active).map((s) => (
              <option key={s.id} value={s.id}>{p.name} · {word('stype', s.type)}</option>
            )))}
          </select>
        </div>
        <label for="refer-note">{t('referral_note')}</label>
        <textarea id="refer-note" dir="auto" rows={3} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        <label class="check">
          <input type="checkbox" id="refer-share" checked={share} onChange={(e) => setShare((e.target as HTMLInputElement).checked)} />
          {t('share_identity')}
        </label>
        <div class="actions"><button type="submit" class="primary">{t('refer_title')}</button></div>
      </form>
    </details>
  );
}

function CaseView({ centre, id, staff, onChanged }: { centre: Centre; id: string; staff: StaffMember[]; onChanged: () => void }) {
  const [file, setFile] = useState<CaseFile | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const path = `${casesPath(centre)}/${id}`;
  const load = () => api<CaseFile>('GET', path).then(setFile).catch((e) => setError(errorText(e)));
  useEffect(() => { setFile(null); setNotice(''); setError(''); void load(); }, [id]);
  const changed = () => { setNotice(t('saved')); void load(); onChanged(); };
  async function patch(body: Record<string, unknown>) {
    try {
      await api('PATCH', path, body);
      setError('');
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function setDone(task: CaseTask, done: boolean) {
    try {
      await api('PATCH', `${path}/tasks/${task.id}`, { done });
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  function openPerson() {
    if (!file) return;
    sessionStorage.setItem('serai.person', file.person_id);
    location.hash = '#/people';
  }
  if (!file) return error ? <Alert>{error}</Alert> : <p>{t('loading')}</p>;
  const name = (user: string) => staff.find((m) => m.id === user)?.display_name ?? t('assigned_to_other');
  return (
    <article class="case" aria-labelledby="case-title">
      <h2 id="case-title"><span dir="ltr">{file.number}</span> · {word('ctype', file.type)}</h2>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      <p>
        {t('person_label')}: <span dir="ltr">{file.person_code}</span>{' '}
        <button type="button" class="link-button" onClick={openPerson}>{t('open_person')}</button>
      </p>
      <div class="grid">
        <Choice name="case-status" label={t('status_label')} value={file.status} options={STATUSES} prefix="cstatus" onChange={(v) => patch({ status: v })} />
        <Choice name="case-priority" label={t('priority_label')} value={file.priority} options={PRIORITIES} prefix="prio" onChange={(v) => patch({ priority: v })} />
        <StaffChoice name="case-owner" label={t('owner_label')} staff={staff} value={file.owner_id} onChange={(v) => patch({ owner_id: v })} />
      </div>
      <Categories type={file.type} value={file.categories} onChange={(v) => patch({ categories: v })} />
      <ConversationLinks centre={centre} ids={file.conversation_ids} />
      <section aria-labelledby="tasks-title">
        <h3 id="tasks-title">{t('tasks_title')}</h3>
        <ul class="rows" aria-label={t('tasks_title')}>
          {file.tasks.map((task) => (
            <li key={task.id} class={`row${task.done ? ' done' : ''}`}>
              <span dir="auto">{task.title}</span>
              <span class="muted">{t('due_on_label')} {dayText(task.due_on)} · {name(task.assignee_id)}</span>
              <button type="button" onClick={() => setDone(task, !task.done)}>{task.done ? t('reopen') : t('mark_done')}</button>
            </li>
          ))}
        </ul>
        {file.status !== 'closed' && <TaskForm path={path} staff={staff} owner={file.owner_id} onSaved={changed} />}
      </section>
      {file.type === 'reintegration' && <ReintegrationPanel centre={centre} file={file} />}
      {file.status !== 'closed' && <ReferForm centre={centre} file={file} />}
      <section aria-labelledby="case-notes-title">
        <h3 id="case-notes-title">{t('notes_title')}</h3>
        <ol class="rows">
          {file.notes.map((n) => (
            <li key={n.id}><span class="muted">{when(n.created_at)} · {name(n.author_id)}</span><p dir="auto">{n.text}</p></li>
          ))}
        </ol>
        <NoteForm path={path} onSaved={changed} />
      </section>
    </article>
  );
}

export function Cases({ me, centre, onReminders }: { me: Me; centre: Centre; onReminders: (n: number) => void }) {
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [reminders, setReminders] = useState<CaseTask[]>([]);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [status, setStatus] = useState('');
  const [mine, setMine] = useState(false);
  // A case just opened from a person opens at once.
  const [open, setOpen] = useState(() => {
    const made = sessionStorage.getItem('serai.case') ?? '';
    sessionStorage.removeItem('serai.case');
    return made;
  });
  const [error, setError] = useState('');
  const load = async () => {
    try {
      const query = new URLSearchParams({ limit: '200', ...(status ? { status } : {}), ...(mine ? { owner: 'me' } : {}) });
      setItems((await api<Page<CaseSummary>>('GET', `${casesPath(centre)}?${query}`)).items);
      const due = await loadReminders(centre);
      setReminders(due);
      onReminders(due.length);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => { void load(); }, [centre.id, status, mine]);
  useEffect(() => {
    api<QueueOverview>('GET', `/api/v1/centres/${centre.id}/inbox/queues`).then((o) => setStaff(o.staff)).catch(() => setStaff([]));
  }, [centre.id]);
  async function done(task: CaseTask) {
    try {
      await api('PATCH', `${casesPath(centre)}/${task.case_id}/tasks/${task.id}`, { done: true });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const owner = (id: string) => (id === me.id ? t('assigned_to_you') : staff.find((m) => m.id === id)?.display_name ?? '');
  return (
    <section class="cases">
      <h1>{t('nav_cases')}</h1>
      <p class="hint">{t('cases_intro')}</p>
      {error && <Alert>{error}</Alert>}
      <Reminders tasks={reminders} onOpen={setOpen} onDone={done} />
      <div class="filters">
        <label class="inline">
          <span>{t('status_label')}</span>
          <select id="case-filter" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{t('working_cases')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{word('cstatus', s)}</option>)}
            <option value="all">{t('all_cases')}</option>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" id="only-mine" checked={mine} onChange={(e) => setMine((e.target as HTMLInputElement).checked)} />
          {t('only_mine')}
        </label>
      </div>
      <div class="split">
        {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('no_cases')}</p> : (
          <ul class="rows" aria-label={t('nav_cases')}>
            {items.map((c) => (
              <li key={c.id} class={`row priority-${c.priority}`}>
                <button type="button" class="link-button" aria-current={open === c.id ? 'true' : undefined} onClick={() => setOpen(c.id)}>
                  <span dir="ltr">{c.number}</span>
                </button>
                <span>{word('ctype', c.type)}{c.categories.length > 0 && <> · {listText(c.categories.map((x) => word('ccat', x)))}</>}</span>
                <span class="muted">
                  <span dir="ltr">{c.person_code}</span> · {word('cstatus', c.status)} · {word('prio', c.priority)}
                  {owner(c.owner_id) && <> · {owner(c.owner_id)}</>}
                  {c.next_due_on && <> · {t('due_on_label')} {dayText(c.next_due_on)}</>}
                </span>
              </li>
            ))}
          </ul>
        )}
        {open && <CaseView centre={centre} id={open} staff={staff} onChanged={load} />}
      </div>
    </section>
  );
}

// On a person: their cases, and a form to open one (it then opens in Cases).
export function PersonCases({ centre, person }: { centre: Centre; person: string }) {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [type, setType] = useState('counselling');
  const [categories, setCategories] = useState<string[]>([]);
  const [priority, setPriority] = useState('normal');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<Page<CaseSummary>>('GET', `${casesPath(centre)}?person=${person}&status=all&limit=200`).then((p) => setItems(p.items)).catch((e) => setError(errorText(e)));
  }, [person]);
  const show = (id: string) => { sessionStorage.setItem('serai.case', id); location.hash = '#/cases'; };
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const made = await api<CaseFile>('POST', casesPath(centre), { person_id: person, type, categories, priority, note });
      show(made.id);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <section aria-labelledby="person-cases-title">
      <h3 id="person-cases-title">{t('person_cases')}</h3>
      {error && <Alert>{error}</Alert>}
      <ul class="rows">
        {items.map((c) => (
          <li key={c.id} class="row">
            <button type="button" class="link-button" onClick={() => show(c.id)}><span dir="ltr">{c.number}</span></button>
            <span>{word('ctype', c.type)} · {word('cstatus', c.status)}</span>
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('open_case')}</summary>
        <form class="card grid" onSubmit={submit} aria-label={t('open_case')}>
          <Choice name="case-type" label={t('case_type_label')} value={type} options={CASE_TYPES} prefix="ctype"
            onChange={(v) => { setType(v); setCategories([]); }} />
          <Categories type={type} value={categories} onChange={setCategories} />
          <Choice name="case-new-priority" label={t('priority_label')} value={priority} options={PRIORITIES} prefix="prio" onChange={setPriority} />
          <label for="case-first-note">{t('first_note')}</label>
          <textarea id="case-first-note" dir="auto" rows={3} maxLength={4000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
          <div class="actions"><button type="submit" class="primary">{t('open_case')}</button></div>
        </form>
      </details>
    </section>
  );
}

// In the inbox: add the conversation to one of the centre's working cases (its contact becomes the
// case's person's).
export function AddToCase({ centre, conversation }: { centre: Centre; conversation: string }) {
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    api<Page<CaseSummary>>('GET', `${casesPath(centre)}?limit=200`).then((p) => setCases(p.items)).catch(() => setCases([]));
  }, [centre.id]);
  useEffect(() => { setMessage(''); }, [conversation]);
  if (cases.length === 0) return null;
  async function add() {
    const c = cases.find((x) => x.id === chosen);
    if (!c) return;
    try {
      await api('POST', `${casesPath(centre)}/${c.id}/conversations`, { conversation_id: conversation });
      setMessage(t('added_to_case', { n: c.number }));
    } catch (e) {
      setMessage(errorText(e));
    }
  }
  return (
    <div class="add-to-case">
      <label class="inline">
        <span>{t('choose_case')}</span>
        <select id="add-to-case" value={chosen} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
          <option value="">—</option>
          {cases.map((c) => <option key={c.id} value={c.id}>{c.number} · {c.person_code} · {word('ctype', c.type)}</option>)}
        </select>
      </label>
      <button type="button" onClick={add} disabled={!chosen}>{t('add_to_case')}</button>
      {message && <p class="hint" role="status">{message}</p>}
    </div>
  );
}
