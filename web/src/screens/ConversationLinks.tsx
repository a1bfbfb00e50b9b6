// The inbox conversations of a case or a person, each a link that opens it in the inbox.
import { useEffect, useState } from 'preact/hooks';
import { api, type Centre, type Conversation } from '../api';
import { t } from '../i18n';
import { platformName, when } from '../components/ui';

// The sessionStorage entry through which the inbox learns which conversation to open.
export const OPEN_CONVERSATION = 'serai.conversation';

export function ConversationLinks({ centre, ids }: { centre: Centre; ids: string[] }) {
  const [items, setItems] = useState<Conversation[]>([]);
  useEffect(() => {
    // One read each: a case or a person has a few conversations. One the reader may not open is
    // left out (its count stays in the heading).
    Promise.all(ids.map((id) => api<Conversation>('GET', `/api/v1/centres/${centre.id}/conversations/${id}`).catch(() => null)))
      .then((found) => setItems(found.filter((c): c is Conversation => c !== null)));
  }, [centre.id, ids.join(',')]);
  const open = (id: string) => {
    sessionStorage.setItem(OPEN_CONVERSATION, id);
    location.hash = '#/inbox';
  };
  return (
    <section class="conversation-links" aria-labelledby="conversation-links-title">
      <h3 id="conversation-links-title">{t('case_conversations', { n: String(ids.length) })}</h3>
      {items.length > 0 && (
        <ul class="rows">
          {items.map((c) => (
            <li key={c.id} class="row">
              <button type="button" class="link-button" onClick={() => open(c.id)}>
                {t('open_in_inbox')}: <bdi dir="auto">{c.contact_name || t('unknown_contact')}</bdi>
              </button>
              <span class="muted"><bdi dir="ltr">{platformName(c.platform)}</bdi> · {when(c.last_message_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
