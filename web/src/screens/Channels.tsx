// A centre's messaging channels: administrators add WhatsApp numbers, Viber and Telegram bots,
// Facebook Pages and Instagram accounts (their secrets go to the server and are never shown
// again); managers see them with the webhook address to give the platform, and keep the WhatsApp
// message templates Meta has approved (the only messages WhatsApp takes 24 hours after a person
// last wrote).
import { useEffect, useState } from 'preact/hooks';
import { api, hasRole, type Centre, type ChannelAccount, type Me, type MessageTemplate } from '../api';
import { t, type MessageKey } from '../i18n';
import { Alert, Field, Notice, errorText } from '../components/ui';

const PLATFORMS = ['whatsapp', 'viber', 'telegram', 'messenger', 'instagram'] as const;
type Platform = typeof PLATFORMS[number];

// Which secrets each platform uses, and where its API is.
const SECRETS: Record<Platform, MessageKey[]> = {
  whatsapp: ['secret_app_secret', 'secret_verify_token', 'secret_access_token'],
  messenger: ['secret_app_secret', 'secret_verify_token', 'secret_access_token'],
  instagram: ['secret_app_secret', 'secret_verify_token', 'secret_access_token'],
  viber: ['secret_auth_token'],
  telegram: ['secret_bot_token', 'secret_secret_token'],
};
const BASE_URLS: Record<Platform, string> = {
  whatsapp: 'https://graph.facebook.com', messenger: 'https://graph.facebook.com', instagram: 'https://graph.facebook.com',
  viber: 'https://chatapi.viber.com', telegram: 'https://api.telegram.org',
};
const EXTERNAL_ID: Record<Platform, MessageKey> = {
  whatsapp: 'external_id_whatsapp', messenger: 'external_id_page', instagram: 'external_id_instagram',
  viber: 'external_id_viber', telegram: 'external_id_telegram',
};

function AddChannel({ centre, onAdded }: { centre: Centre; onAdded: () => void }) {
  const [platform, setPlatform] = useState<Platform>('whatsapp');
  const [name, setName] = useState('');
  const [externalId, setExternalId] = useState('');
  const [baseUrl, setBaseUrl] = useState(BASE_URLS.whatsapp);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    const body = Object.fromEntries(SECRETS[platform].map((k) => [k.replace('secret_', ''), secrets[k] ?? '']));
    try {
      await api('POST', `/api/v1/centres/${centre.id}/channels`, { platform, name, external_id: externalId, base_url: baseUrl, secrets: body });
      setName(''); setExternalId(''); setSecrets({}); setError('');
      onAdded();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} id="add-channel">
      {error && <Alert>{error}</Alert>}
      <div class="field">
        <label for="channel-platform">{t('platform')}</label>
        <select id="channel-platform" value={platform} onChange={(e) => {
          const p = (e.target as HTMLSelectElement).value as Platform;
          setPlatform(p);
          setBaseUrl(BASE_URLS[p]);
        }}>
          {PLATFORMS.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <Field name="channel-name" label={t('channel_name')} value={name} onInput={setName} required />
      <Field name="channel-external-id" label={t(EXTERNAL_ID[platform])} value={externalId} onInput={setExternalId} dir="ltr" required />
      <Field name="channel-base-url" label={t('channel_base_url')} value={baseUrl} onInput={setBaseUrl} dir="ltr" type="url" required />
      {SECRETS[platform].map((k) => (
        <Field key={k} name={`channel-${k}`} label={t(k)} value={secrets[k] ?? ''} type="password" autoComplete="off" dir="ltr" required
          onInput={(v) => setSecrets((old) => ({ ...old, [k]: v }))} />
      ))}
      <p class="hint">{t('channel_secrets_hint')}</p>
      <div class="actions"><button type="submit" class="primary">{t('add_channel')}</button></div>
    </form>
  );
}

function AddTemplate({ centre, accounts, onAdded }: { centre: Centre; accounts: ChannelAccount[]; onAdded: () => void }) {
  const [account, setAccount] = useState(accounts[0]?.id ?? '');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/centres/${centre.id}/templates`, { channel_account_id: account, name, language, body });
      setName(''); setBody(''); setError('');
      onAdded();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form class="card grid" onSubmit={submit} id="add-template">
      {error && <Alert>{error}</Alert>}
      <div class="field">
        <label for="template-account">{t('channel_name')}</label>
        <select id="template-account" value={account} onChange={(e) => setAccount((e.target as HTMLSelectElement).value)}>
          {accounts.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <Field name="template-name" label={t('template_name')} value={name} onInput={setName} dir="ltr" required hint={t('template_name_hint')} />
      <Field name="template-language" label={t('template_language')} value={language} onInput={setLanguage} dir="ltr" required hint="en, fa, ps_AF, ur, bn, ar, ru" />
      <div class="field">
        <label for="template-body">{t('template_body')}</label>
        <textarea id="template-body" dir="auto" rows={3} value={body} required maxLength={1024} aria-describedby="template-body-hint"
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
        <p class="hint" id="template-body-hint">{t('template_body_hint')}</p>
      </div>
      <div class="actions"><button type="submit" class="primary">{t('add_template')}</button></div>
    </form>
  );
}

export function Channels({ me, centre }: { me: Me; centre: Centre }) {
  const [accounts, setAccounts] = useState<ChannelAccount[] | null>(null);
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const isAdmin = hasRole(me, centre.id, 'admin');
  const canSetUp = hasRole(me, centre.id, 'admin', 'manager');
  async function setSelfService(a: ChannelAccount, on: boolean) {
    try {
      await api('PATCH', `/api/v1/centres/${centre.id}/channels/${a.id}`, { self_service: on });
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const load = async () => {
    try {
      const [a, tpl] = await Promise.all([
        api<{ items: ChannelAccount[] }>('GET', `/api/v1/centres/${centre.id}/channels`),
        api<{ items: MessageTemplate[] }>('GET', `/api/v1/centres/${centre.id}/templates`)]);
      setAccounts(a.items);
      setTemplates(tpl.items);
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => { void load(); }, [centre.id]);
  const changed = () => { setNotice(t('saved')); void load(); };
  async function removeTemplate(id: string) {
    try {
      await api('DELETE', `/api/v1/centres/${centre.id}/templates/${id}`);
      changed();
    } catch (e) {
      setError(errorText(e));
    }
  }
  const whatsapp = (accounts ?? []).filter((a) => a.platform === 'whatsapp');
  return (
    <section>
      <h1>{t('nav_channels')}</h1>
      {notice && <Notice>{notice}</Notice>}
      {error && <Alert>{error}</Alert>}
      {accounts === null ? <p>{t('loading')}</p> : accounts.length === 0 ? <p>{t('no_channels')}</p> : (
        <ul class="rows" id="channel-list">
          {accounts.map((a) => (
            <li key={a.id} class="row">
              <div>
                <strong dir="auto">{a.name}</strong> <span class="muted" dir="ltr">{a.platform} · {a.external_id}</span>
                <p class="hint">{t('webhook_address')} <code dir="ltr">{location.origin + a.webhook_path}</code></p>
                <label class="check">
                  <input type="checkbox" class="self-service" checked={a.self_service} disabled={!canSetUp}
                    onChange={(e) => setSelfService(a, (e.target as HTMLInputElement).checked)} />
                  {t('self_service')}
                </label>
                <p class="hint">{t('self_service_hint')}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {isAdmin && <><h2>{t('add_channel')}</h2><AddChannel centre={centre} onAdded={changed} /></>}
      <h2>{t('templates_title')}</h2>
      <p class="hint">{t('templates_hint')}</p>
      {templates.length > 0 && (
        <ul class="rows" id="template-list">
          {templates.map((tpl) => (
            <li key={tpl.id} class="row">
              <div>
                <strong dir="ltr">{tpl.name}</strong> <span class="muted" dir="ltr">{tpl.language}</span>
                <p dir="auto" class="canned-body">{tpl.body}</p>
              </div>
              <div class="actions"><button type="button" onClick={() => removeTemplate(tpl.id)}>{t('delete')}</button></div>
            </li>
          ))}
        </ul>
      )}
      {whatsapp.length > 0 && <AddTemplate centre={centre} accounts={whatsapp} onAdded={changed} />}
    </section>
  );
}
