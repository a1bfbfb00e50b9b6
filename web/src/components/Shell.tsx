// The frame around every signed-in screen: centre switcher, navigation, language, sign-out.
import type { ComponentChildren } from 'preact';
import { hasRole, type Centre, type Me } from '../api';
import { locale, locales, t, type Locale } from '../i18n';

export type View = 'home' | 'inbox' | 'people' | 'cases' | 'referrals' | 'setbacks' | 'kb' | 'replies' | 'channels' | 'centres' | 'staff' | 'account';

interface Props {
  me: Me; centres: Centre[]; centre: string; view: View;
  reminders: number;  // tasks whose reminder day has come, counted on the cases tab
  onCentre: (id: string) => void; onLocale: (l: Locale) => void; onSignOut: () => void;
  children: ComponentChildren;
}

export function navFor(me: Me, centre: string): View[] {
  const views: View[] = ['home'];
  if (hasRole(me, centre, 'counsellor', 'manager')) views.push('inbox');
  if (hasRole(me, centre, 'counsellor', 'manager', 'registrar')) views.push('people');
  if (hasRole(me, centre, 'counsellor', 'manager')) views.push('cases');
  if (hasRole(me, centre, 'counsellor', 'manager', 'partner')) views.push('referrals');
  if (hasRole(me, centre, 'manager')) views.push('setbacks');
  if (hasRole(me, centre, 'counsellor', 'manager', 'editor', 'admin')) views.push('kb');
  if (hasRole(me, centre, 'manager', 'admin')) views.push('replies', 'channels');
  if (hasRole(me, centre, 'admin')) views.push('centres');
  if (hasRole(me, centre, 'admin', 'manager')) views.push('staff');
  views.push('account');
  return views;
}

const labels = {
  home: 'nav_home', inbox: 'nav_inbox', people: 'nav_people', cases: 'nav_cases', referrals: 'nav_referrals', setbacks: 'nav_setbacks', kb: 'nav_kb', replies: 'nav_replies', channels: 'nav_channels', centres: 'nav_centres', staff: 'nav_staff', account: 'nav_account',
} as const;

export function Shell(p: Props) {
  return (
    <>
      <a class="skip" href="#main">{t('nav_home')}</a>
      <header class="bar">
        <div class="brand"><strong>Serai</strong> <span>{t('tagline')}</span></div>
        <div class="controls">
          {p.centres.length > 0 && (
            <label class="inline">
              <span>{t('centre')}</span>
              <select value={p.centre} onChange={(e) => p.onCentre((e.target as HTMLSelectElement).value)}>
                {p.centres.map((c) => <option value={c.id} key={c.id}>{c.name}</option>)}
              </select>
            </label>
          )}
          <label class="inline">
            <span>{t('language')}</span>
            <select value={locale()} onChange={(e) => p.onLocale((e.target as HTMLSelectElement).value as Locale)}>
              {locales.map((l) => <option value={l.code} key={l.code} lang={l.code}>{l.autonym}</option>)}
            </select>
          </label>
          <button type="button" onClick={p.onSignOut}>{t('sign_out')}</button>
        </div>
      </header>
      <nav aria-label={t('main_menu')} class="tabs">
        {navFor(p.me, p.centre).map((v) => (
          <a href={`#/${v}`} key={v} aria-current={p.view === v ? 'page' : undefined}>
            {t(labels[v])}{v === 'cases' && p.reminders > 0 && <> <span class="badge" id="reminder-count">{p.reminders}</span></>}
          </a>
        ))}
      </nav>
      <main id="main">{p.children}</main>
    </>
  );
}
