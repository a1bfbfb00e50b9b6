// Sign-in: e-mail and password, then a TOTP code when the account has one.
import { useState } from 'preact/hooks';
import { ApiError, api, type Me } from '../api';
import { t } from '../i18n';
import { Alert, Field, errorText } from '../components/ui';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const body = needCode ? { email, password, totp: code } : { email, password };
      onSignedIn(await api<Me>('POST', '/api/v1/session', body));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedCode(true);
      } else {
        setError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="narrow" id="main">
      <h1>{t('sign_in_title')}</h1>
      <form onSubmit={submit} class="card">
        {error && <Alert>{error}</Alert>}
        {!needCode && <>
          <Field name="email" label={t('email')} type="email" value={email} onInput={setEmail}
            autoComplete="username" required dir="ltr" inputMode="email" />
          <Field name="password" label={t('password')} type="password" value={password}
            onInput={setPassword} autoComplete="current-password" required dir="ltr" />
        </>}
        {needCode && <>
          <p>{t('err_totp_required')}</p>
          <Field name="totp" label={t('totp_code')} value={code} onInput={setCode} inputMode="numeric"
            autoComplete="one-time-code" required dir="ltr" />
        </>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t('signing_in') : t('sign_in')}</button>
      </form>
    </main>
  );
}
