import type { Centre, Me } from '../api';
import { t } from '../i18n';
import { listText, roleName } from '../components/ui';

export function Home({ me, centre }: { me: Me; centre: Centre | undefined }) {
  const roles = me.roles.filter((g) => centre && (g.centre === centre.id || g.centre === '*'));
  return (
    <section>
      <h1>{t('welcome', { name: me.display_name })}</h1>
      {!centre && <p>{t('no_centres')}</p>}
      {centre && (
        <div class="card">
          <h2>{centre.name}</h2>
          <dl class="facts">
            <dt>{t('city')}</dt><dd>{centre.city}</dd>
            <dt>{t('country')}</dt><dd><bdi dir="ltr">{centre.country}</bdi></dd>
            <dt>{t('languages')}</dt><dd><bdi dir="ltr">{centre.languages.join(', ')}</bdi></dd>
            <dt>{t('time_zone')}</dt><dd><bdi dir="ltr">{centre.time_zone}</bdi></dd>
            <dt>{t('your_roles')}</dt>
            <dd>{listText(roles.map((g) => roleName(g.role) + (g.centre === '*' ? ` (${t('all_centres')})` : '')))}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
