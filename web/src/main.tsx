// The app: who is signed in, which centre and screen are shown, in which language.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/cyrillic-400.css';
import '@fontsource/noto-sans/cyrillic-700.css';
import '@fontsource/noto-sans/cyrillic-ext-400.css';
import '@fontsource/noto-sans/cyrillic-ext-700.css';
import './styles.css';
import { ApiError, api, setCsrfToken, type Centre, type Me, type Page } from './api';
import { isLocale, setLocale, t, type Locale } from './i18n';
import { Shell, navFor, type View } from './components/Shell';
import { SignIn } from './screens/SignIn';
import { Enrol } from './screens/Enrol';
import { Home } from './screens/Home';
import { Centres } from './screens/Centres';
import { Staff } from './screens/Staff';
import { Account } from './screens/Account';
import { Inbox } from './screens/Inbox';
import { Replies } from './screens/Replies';
import { Channels } from './screens/Channels';
import { Kb } from './screens/Kb';
import { People } from './screens/People';
import { Cases, loadReminders } from './screens/Cases';
import { Referrals } from './screens/Referrals';
import { Setbacks } from './screens/Reintegration';

function viewFromHash(): View {
  const v = location.hash.replace(/^#\//, '');
  return (['home', 'inbox', 'people', 'cases', 'referrals', 'setbacks', 'kb', 'replies', 'channels', 'centres', 'staff', 'account'] as const).find((x) => x === v) ?? 'home';
}

function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [centres, setCentres] = useState<Centre[]>([]);
  const [centreId, setCentreId] = useState(localStorage.getItem('serai.centre') ?? '');
  const [view, setView] = useState<View>(viewFromHash());
  const [, setLang] = useState('');
  const [reminders, setReminders] = useState(0);

  async function changeLocale(l: Locale) {
    await setLocale(l);
    setLang(l);
  }

  async function signedIn(m: Me) {
    setCsrfToken(m.csrf_token);
    if (!localStorage.getItem('serai.locale') && isLocale(m.locale)) await changeLocale(m.locale);
    setMe(m);
  }

  async function loadCentres() {
    const all: Centre[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Centre> = await api<Page<Centre>>('GET', `/api/v1/centres?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    setCentres(all);
    if (!all.some((c) => c.id === centreId) && all[0]) setCentreId(all[0].id);
  }

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    addEventListener('hashchange', onHash);
    api<Me>('GET', '/api/v1/me').then(signedIn).catch(() => setMe(null));
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (me?.second_factor_done) loadCentres().catch((e) => { if (e instanceof ApiError && e.status === 401) setMe(null); });
  }, [me]);

  useEffect(() => { if (centreId) localStorage.setItem('serai.centre', centreId); }, [centreId]);

  // The reminders of the day, counted in the menu, for those who have cases here.
  const centre = centres.find((c) => c.id === centreId);
  useEffect(() => {
    setReminders(0);
    if (me && centre && navFor(me, centre.id).includes('cases')) loadReminders(centre).then((r) => setReminders(r.length)).catch(() => undefined);
  }, [me, centre?.id]);

  async function signOut() {
    await api('DELETE', '/api/v1/session').catch(() => undefined);
    signedOut();
  }
  function signedOut() {
    setMe(null);
    setCentres([]);
    location.hash = '#/home';
  }

  if (me === undefined) return <main id="main"><p>{t('loading')}</p></main>;
  if (me === null) return <SignIn onSignedIn={signedIn} />;
  if (!me.second_factor_done) {
    return <Enrol onDone={() => api<Me>('GET', '/api/v1/me').then(signedIn)} />;
  }
  const allowed = navFor(me, centreId);
  const shown = allowed.includes(view) ? view : 'home';
  return (
    <Shell me={me} centres={centres} centre={centreId} view={shown} reminders={reminders} onCentre={setCentreId}
      onLocale={changeLocale} onSignOut={signOut}>
      {shown === 'home' && <Home me={me} centre={centre} />}
      {shown === 'inbox' && centre && <Inbox centre={centre} me={me.id} />}
      {shown === 'people' && centre && <People key={centre.id} me={me} centre={centre} />}
      {shown === 'setbacks' && centre && <Setbacks key={centre.id} centre={centre} />}
      {shown === 'referrals' && centre && <Referrals key={centre.id} me={me} centre={centre} />}
      {shown === 'cases' && centre && <Cases key={centre.id} me={me} centre={centre} onReminders={setReminders} />}
      {shown === 'replies' && centre && <Replies centre={centre} />}
      {shown === 'channels' && centre && <Channels me={me} centre={centre} />}
      {shown === 'kb' && <Kb me={me} centre={centreId} />}
      {shown === 'centres' && <Centres me={me} centres={centres} onChanged={loadCentres} />}
      {shown === 'staff' && centre && <Staff me={me} centre={centre} />}
      {shown === 'account' && <Account onSignedOut={signedOut} />}
    </Shell>
  );
}

const saved = localStorage.getItem('serai.locale');
setLocale(isLocale(saved) ? saved : 'en').finally(() => render(<App />, document.getElementById('app')!));
