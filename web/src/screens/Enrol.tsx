// Setting up the second factor, required before an administrator or manager can do anything else.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { Alert, Field, errorText } from '../components/ui';

export function Enrol({ onDone }: { onDone: () => void }) {
  const [secret, setSecret] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    api<{ secret: string; uri: string }>('POST', '/api/v1/me/totp')
      .then((r) => setSecret(r.secret))
      .catch((e) => setError(errorText(e)));
  }, []);

  async function confirm(e: Event) {
    e.preventDefault();
    try {
      await api('POST', '/api/v1/me/totp/confirm', { code });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <main class="narrow" id="main">
      <h1>{t('enrol_title')}</h1>
      <form onSubmit={confirm} class="card">
        <p>{t('enrol_intro')}</p>
        {error && <Alert>{error}</Alert>}
        <p>{t('enrol_secret')}: <code class="secret" dir="ltr">{secret.match(/.{1,4}/g)?.join(' ')}</code></p>
        <Field name="code" label={t('totp_code')} value={code} onInput={setCode} inputMode="numeric"
          autoComplete="one-time-code" required dir="ltr" />
        <button type="submit" class="primary">{t('confirm')}</button>
      </form>
    </main>
  );
}
