// No gun found (clinical mode): the station says so and keeps looking; it never starts the simulator
// by itself. From here the user may carry on without a gun (records, settings) or switch the station
// to training mode, which runs the simulated gun on its own data folder and database.
import type { GunView } from '../../electron/contract/gun.js';
import { useAction, useApi } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';

/** The link's codes for "looked, found nothing" (device/link discovery). */
const NOT_FOUND_CODES = new Set(['port-not-found', 'udev-missing', 'port-permission']);

/** No gun has been found since the station started, and the link says why. */
export function noGunFound(g: GunView | null): boolean {
  return !!g && !g.identity && g.linkState !== 'ready' && g.detailCode !== null && NOT_FOUND_CODES.has(g.detailCode);
}

export function NoGunScreen({ gun, onContinue }: { gun: GunView; onContinue: () => void }) {
  const api = useApi();
  const t = useT();
  const { busy, error, run } = useAction();
  const train = () => void run(() => api.call('training.enter', {}));
  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <section className="centered card stack" aria-labelledby="nogun-title" data-testid="no-gun">
        <h1 id="nogun-title">{t('nogun.title')}</h1>
        <p>{gun.detail}</p>
        <p className="muted">{t('nogun.looking', { source: gun.source })}</p>
        <div className="row between">
          <button type="button" className="secondary" onClick={onContinue} disabled={busy}>
            {t('nogun.continue')}
          </button>
          <button type="button" onClick={train} disabled={busy}>
            {t('nogun.training')}
          </button>
        </div>
        <p className="small muted">{t('nogun.trainingNote')}</p>
        {error && <p className="error" role="alert">{error}</p>}
      </section>
    </main>
  );
}
