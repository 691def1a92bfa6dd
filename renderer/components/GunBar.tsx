// Always on screen: station name, the gun's link state, authentication, the trigger, battery,
// reservoir, faults, and an unmistakable SIMULATED mark when the gun is the built-in simulator.
// Whenever the gun is armed, may be armed, or its state is not known, the stop (Disarm) sits here
// too, on every screen, the lock and login screens included: gun.disarm is public and disarms
// whatever the session or the login says. While it is or may be armed, Space or Escape stop it from
// any screen (useStopShortcut). The bar wraps on a narrow screen: the trigger state and the stop
// stay in view (styles.css).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { stopNeeded, type GunView, type TriggerView } from '../../electron/contract/gun.js';
import { formatVolume } from '../../electron/contract/units.js';
import { FAULT_NAMES, type FaultName, type ReportedFault } from '../../electron/contract/sessions.js';
import type { StationMode } from '../../electron/contract/station.js';
import { useAction, useApi } from '../api/hooks.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { useGun, useTrigger } from '../gun.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { focusMainControl } from './focus.js';
import { gunDetailKey } from './gunDetail.js';
import { useStopShortcut } from './useStopShortcut.js';

/** A fault in words; one this station does not know is shown as the gun sent it, "unknown (code N)". */
export function faultWords(t: Translate, f: ReportedFault): string {
  return (FAULT_NAMES as readonly string[]).includes(f) ? t(`fault.${f as FaultName}`) : f;
}

/** Publishes the bar's height as --gunbar-height, so dialog backdrops start below it and never cover the stop. */
function useBarHeight(ref: React.RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const ro = new ResizeObserver(() => root.style.setProperty('--gunbar-height', `${el.getBoundingClientRect().bottom}px`));
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--gunbar-height');
    };
  }, [ref]);
}

/** The trigger in words: never "Disarmed" without a fresh STATUS, or the gun's watchdog run out. */
function TriggerWords({ trigger }: { trigger: TriggerView | null }) {
  const t = useT();
  switch (trigger?.state ?? 'unknown') {
    case 'armed':
      return <span className="pill armed">{t('trigger.armed')}</span>;
    case 'disarmed':
      return <span className="pill off">{t('trigger.disarmed')}</span>;
    case 'may-be-armed':
      return <span className="pill armed">{t('trigger.mayBeArmed')}</span>;
    case 'watchdog-disarmed':
      return <span className="pill warn">{t('trigger.watchdogDisarmed')}</span>;
    case 'no-gun':
      return <span className="pill off">{t('trigger.noGun')}</span>;
    default:
      return <span className="pill warn">{t('trigger.unknown')}</span>;
  }
}

/** Why the trigger is not known, under it: the gun's watchdog, and whether it has run out. */
function triggerDetail(t: Translate, f: Format, trigger: TriggerView | null): string | null {
  if (trigger?.state === 'may-be-armed') return t('trigger.detail.mayBeArmed', { seconds: Math.round(trigger.watchdogMs / 100) / 10 });
  if (trigger?.state === 'watchdog-disarmed')
    return trigger.lostArmedAt ? t('trigger.detail.watchdogSince', { time: f.time(trigger.lostArmedAt) }) : t('trigger.detail.watchdog');
  return null;
}

/** The words for each link state (the gun bar, and the mesotherapy screen when the gun is lost). */
export const LINK_KEYS = {
  stopped: 'link.stopped',
  disconnected: 'link.disconnected',
  connecting: 'link.connecting',
  handshaking: 'link.connecting',
  'awaiting-pairing': 'link.awaitingPairing',
  authenticating: 'link.authenticating',
  syncing: 'link.syncing',
  ready: 'link.ready',
  refused: 'link.refused',
} as const satisfies Record<GunView['linkState'], string>;

export function GunBar({ stationName, mode }: { stationName: string; mode: StationMode | null }) {
  const gun = useGun();
  const trigger = useTrigger();
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const intl = useIntl();
  const { error, run } = useAction();
  const [unacknowledged, setUnacknowledged] = useState(false);
  // The new state arrives as a 'gun.changed' event; the answer only says whether the gun heard it.
  const disarm = () =>
    void run(async () => {
      const v = await api.call('gun.disarm', {});
      setUnacknowledged(v.linkState !== 'ready');
    });
  const link = gun?.linkState ?? 'disconnected';
  const known = gun !== null;
  const authenticated = link === 'ready' || link === 'syncing';
  const st = gun?.status ?? null;
  const linkTone = link === 'ready' ? 'ok' : link === 'refused' ? 'danger' : link === 'awaiting-pairing' ? 'warn' : 'off';
  const reservoirPct = st && st.reservoirCapacityNl > 0 ? Math.round((100 * st.reservoirNl) / st.reservoirCapacityNl) : null;
  const showStop = trigger !== null && stopNeeded(trigger.state);
  // The keys stop only a gun that is or may be armed: while the state is merely unknown (a link
  // coming up, a gun to pair) Space keeps pressing buttons.
  useStopShortcut(trigger?.state === 'armed' || trigger?.state === 'may-be-armed', disarm);
  const bar = useRef<HTMLElement>(null);
  useBarHeight(bar);
  const detail = triggerDetail(t, f, trigger);
  // The Disarm button goes when the gun reports itself disarmed: focus that was on it moves to the
  // screen's main control instead of falling to the page. (A blur towards nothing, as when the
  // button is removed, does not count as leaving it.)
  const stopHadFocus = useRef(false);
  useEffect(() => {
    if (showStop || !stopHadFocus.current) return;
    stopHadFocus.current = false;
    if (document.activeElement === document.body || document.activeElement === null) focusMainControl();
  }, [showStop]);

  return (
    <header ref={bar} className="gunbar" role="banner" aria-label={t('gunbar.label')}>
      <div className="station">
        <span>{stationName || t('app.stationFallback')}</span>
        {mode === 'training' ? (
          <span className="sim-badge" data-testid="simulated" title={t('gunbar.trainingTitle')}>
            <span>{t('gunbar.training')}</span>
          </span>
        ) : (
          gun?.identity?.simulated && (
            <span className="pill danger" data-testid="simulated" title={t('gunbar.simulatedTitle')}>
              {t('gunbar.simulated')}
            </span>
          )
        )}
      </div>
      <div className="item" data-testid="gun-link">
        <span className="k">{t('gunbar.gun')}</span>
        <span className="v">
          <span className={`pill ${linkTone}`}>{!known ? t('link.unknown') : gun.detailCode === 'port-not-found' && !gun.identity ? t('link.notFound') : t(LINK_KEYS[link])}</span>
        </span>
        {gun?.detail && link !== 'ready' && (
          <span className="detail" title={gun.detail}>
            {t(gunDetailKey(gun))}
          </span>
        )}
      </div>
      {gun?.identity && (
        <div className="item">
          <span className="k">{t('gunbar.serialFirmware')}</span>
          <span className="v">
            {t('gunbar.serialFirmwareValue', { serial: gun.identity.serial, firmware: gun.identity.firmware })}
          </span>
        </div>
      )}
      <div className="item">
        <span className="k">{t('gunbar.authenticated')}</span>
        <span className="v">{authenticated ? t('common.yes') : t('common.no')}</span>
      </div>
      <div className="item" data-testid="gun-armed" data-trigger={trigger?.state ?? 'unknown'}>
        <span className="k">{t('gunbar.trigger')}</span>
        <span className="v">
          <TriggerWords trigger={trigger} />
        </span>
        {detail && (
          <span className="detail" data-testid="trigger-detail" title={detail}>
            {detail}
          </span>
        )}
      </div>
      {showStop && (
        <div className="gunbar-disarm">
          <button
            type="button"
            className="danger"
            onClick={disarm}
            onFocus={() => (stopHadFocus.current = true)}
            onBlur={(e) => e.relatedTarget !== null && (stopHadFocus.current = false)}
            data-testid="gunbar-disarm"
            aria-keyshortcuts="Space Escape"
          >
            {t('gunbar.disarm')}
          </button>
          {error && (
            <span className="detail" role="alert" title={error}>
              {error}
            </span>
          )}
          {!error && unacknowledged && (
            <span className="detail" role="status">
              {t('gunbar.noAnswer')}
            </span>
          )}
        </div>
      )}
      {st && (
        <div className={`items${link === 'ready' ? '' : ' stale'}`} title={link === 'ready' ? undefined : t('gunbar.stale')}>
          <div className="item">
            <span className="k">{t('gunbar.battery')}</span>
            <span className="v num">{intl.formatNumber(st.batteryPct / 100, { style: 'percent' })}</span>
          </div>
          <div className="item">
            <span className="k">{t('gunbar.reservoir')}</span>
            <span className="v num">{formatVolume(st.reservoirNl, { locale: intl.locale })}</span>
            <div className={`gauge${st.reservoirNl < 1_000_000 ? ' low' : ''}`} role="meter" aria-label={t('gunbar.reservoir')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={reservoirPct ?? 0}>
              <div style={{ width: `${reservoirPct ?? 0}%` }} />
            </div>
          </div>
          <div className="item" data-testid="gun-faults">
            <span className="k">{t('gunbar.faults')}</span>
            <span className="v">{st.faults.length === 0 ? t('gunbar.faultsNone') : <span className="pill danger">{st.faults.map((f) => faultWords(t, f)).join(', ')}</span>}</span>
          </div>
        </div>
      )}
    </header>
  );
}
