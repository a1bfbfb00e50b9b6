// Small building blocks shared by the screens.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { locale, t, type MessageKey } from '../i18n';

let nextId = 0;
export function useFieldId(): string {
  return `f${++nextId}`;
}

interface FieldProps {
  label: string; value: string; onInput: (v: string) => void; type?: string;
  autoComplete?: string; required?: boolean; hint?: string; inputMode?: 'numeric' | 'email' | 'text';
  dir?: 'ltr' | 'auto'; name?: string; minLength?: number;
}

export function Field(p: FieldProps) {
  const id = `field-${p.name ?? p.label.replace(/\W+/g, '-')}`;
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <input id={id} name={p.name} type={p.type ?? 'text'} value={p.value} required={p.required}
        autoComplete={p.autoComplete} inputMode={p.inputMode} dir={p.dir ?? 'auto'} minLength={p.minLength}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)} />
      {p.hint && <p class="hint" id={`${id}-hint`}>{p.hint}</p>}
    </div>
  );
}

const errorKeys: Record<string, MessageKey> = {
  invalid_credentials: 'err_invalid_credentials',
  totp_required: 'err_totp_required',
  wrong_code: 'err_wrong_code',
  account_locked: 'err_account_locked',
  too_many_attempts: 'err_too_many',
  offline: 'err_offline',
  forbidden: 'not_allowed',
};

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const key = errorKeys[e.code];
    if (key) return t(key);
    return e.detail ? `${t('err_generic')} (${e.detail})` : t('err_generic');
  }
  return t('err_generic');
}

export function Alert({ children }: { children: ComponentChildren }) {
  return <p class="alert" role="alert">{children}</p>;
}

export function Notice({ children }: { children: ComponentChildren }) {
  return <p class="notice" role="status">{children}</p>;
}

export function roleName(role: string): string {
  return t(`role_${role}` as MessageKey);
}

// The interface's language as the browser's Intl knows it (Dari is Persian as written in Afghanistan).
function intlLocale(): string {
  return locale() === 'prs' ? 'fa-AF' : locale();
}

// A moment as the interface's language writes it: the day, and the time unless `dayOnly`.
export function when(ms: number, dayOnly = false): string {
  return new Date(ms).toLocaleString(intlLocale(), dayOnly ? { dateStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' });
}

// Words of the interface joined as its language joins a list ("name and phone", "الاسم والهاتف").
export function listText(words: string[]): string {
  try {
    return new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(words);
  } catch {
    return words.join(', ');  // a browser without Intl.ListFormat
  }
}

// A platform's name as shown; the in-person channel in the interface's language.
export function platformName(platform: string): string {
  return platform === 'inperson' ? t('platform_inperson') : platform;
}

// A language's name in the interface's language (the browser knows them), or its code.
export function languageName(code: string): string {
  if (code === '') return t('unknown_language');
  try {
    return new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// A word of a closed list in the interface's language: `word('stage', 'returnee')` is the text of
// the key stage_returnee.
export const word = (prefix: string, code: string) => t(`${prefix}_${code}` as MessageKey);

// One of a closed list, labelled with word(prefix, option) (or the option itself when no prefix).
export function Choice({ name, label, value, options, prefix, onChange, blank }: {
  name: string; label: string; value: string; options: string[]; prefix: string; onChange: (v: string) => void; blank?: string;
}) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <select id={name} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => <option key={o} value={o}>{prefix ? word(prefix, o) : o}</option>)}
      </select>
    </div>
  );
}

// A calendar day (YYYY-MM-DD) as the interface's language writes it.
export function dayText(isoDay: string): string {
  const [y = 1970, m = 1, d = 1] = isoDay.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(intlLocale(), { dateStyle: 'short' });
}

// Today on this device's calendar, YYYY-MM-DD (the counsellor's own day, wherever the server is).
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
