// One's own account: password and signing out everywhere.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { Alert, Field, errorText } from '../components/ui';

export function Account({ onSignedOut }: { onSignedOut: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState('');
  async function change(e: Event) {
    e.preventDefault();
    try {
      await api('POST', '/api/v1/me/password', { current_password: current, new_password: next });
      onSignedOut();
    } catch (err) {
      setError(errorText(err));
    }
  }
  async function everywhere() {
    try {
      await api('POST', '/api/v1/me/sign-out-everywhere');
      onSignedOut();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <section>
      <h1>{t('account_title')}</h1>
      {error && <Alert>{error}</Alert>}
      <form class="card grid" onSubmit={change}>
        <h2>{t('change_password')}</h2>
        <Field name="current-password" label={t('current_password')} type="password" value={current}
          onInput={setCurrent} autoComplete="current-password" required dir="ltr" />
        <Field name="new-password" label={t('new_password')} type="password" value={next} onInput={setNext}
          autoComplete="new-password" required minLength={10} dir="ltr" />
        <div class="actions"><button type="submit" class="primary">{t('save')}</button></div>
      </form>
      <div class="card">
        <h2>{t('sign_out_everywhere')}</h2>
        <p>{t('sign_out_everywhere_hint')}</p>
        <button type="button" class="danger" onClick={everywhere}>{t('sign_out_everywhere')}</button>
      </div>
    </section>
  );
}
