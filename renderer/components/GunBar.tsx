// Always on screen: station name, the gun's link state, authentication, the trigger, battery,
// reservoir, faults, and an unmistakable SIMULATED mark when the gun is the built-in simulator.
// Whenever the gun is armed, may be armed, or its state is not known, the stop (Disarm) sits here
// too, on every screen, the lock and login screens included: gun.disarm is public and disarms
// whatever the session or the login says. While it is or may be armed, Space or Escape stop it from
// any screen (useStopShortcut). The bar wraps on a narrow screen: the trigger state and the stop
// stay in view (styles.css).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { stopNeeded, type GunView, type TriggerView } from '../../electron/contract/gun.js';
import { formatVolume } from '../../electron/contract/units.js';
import type { FaultName, ReportedFault } from '../../electron/contract/sessions.js';
import type { StationMode } from '../../electron/contract/station.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtTime } from '../format.js';
import { useGun, useTrigger } from '../gun.js';
import { focusMainControl } from './focus.js';
import { useStopShortcut } from './useStopShortcut.js';

const LINK_WORDS: Record<GunView['linkState'], string> = {
  stopped: 'Off',
  disconnected: 'Not connected',
  connecting: 'Connecting…',
  handshaking: 'Connecting…',
  'awaiting-pairing': 'Needs pairing',
  authenticating: 'Authenticating…',
  syncing: 'Syncing doses…',
  ready: 'Connected',
  refused: 'Refused',
};

const FAULT_WORDS: Record<FaultName, string> = {
  reservoirEmpty: 'Reservoir empty',
  reservoirLow: 'Reservoir low',
  occlusion: 'Occlusion',
  driveBlocked: 'Drive blocked',
  needleNotSeated: 'Needle not seated',
  airInLine: 'Air in line',
  lowBattery: 'Battery low',
  tamper: 'Tamper',
  calibrationInvalid: 'Calibration invalid',
};

/** A fault in words; one this station does not know is shown as the gun sent it, "unknown (code N)". */
export function faultWords(f: ReportedFault): string {
  return (FAULT_WORDS as Record<string, string>)[f] ?? f;
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
function TriggerWords({ t }: { t: TriggerView | null }) {
  switch (t?.state ?? 'unknown') {
    case 'armed':
      return <span className="pill armed">ARMED</span>;
    case 'disarmed':
      return <span className="pill off">Disarmed</span>;
    case 'may-be-armed':
      return <span className="pill armed">Unknown: may still be armed</span>;
    case 'watchdog-disarmed':
      return <span className="pill warn">Disarmed by its watchdog</span>;
    case 'no-gun':
      return <span className="pill off">No gun</span>;
    default:
      return <span className="pill warn">Unknown</span>;
  }
}

/** Why the trigger is not known, under it: the gun's watchdog, and whether it has run out. */
function triggerDetail(t: TriggerView | null): string | null {
  if (t?.state === 'may-be-armed') return `The gun stops itself about ${Math.round(t.watchdogMs / 100) / 10} s after it loses the station.`;
  if (t?.state === 'watchdog-disarmed') return `No contact${t.lostArmedAt ? ` since ${fmtTime(t.lostArmedAt)}` : ''}: the gun has stopped itself.`;
  return null;
}

export function GunBar({ stationName, mode }: { stationName: string; mode: StationMode | null }) {
  const gun = useGun();
  const trigger = useTrigger();
  const api = useApi();
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
    <header ref={bar} className="gunbar" role="banner" aria-label="Gun status">
      <div className="station">
        <span>{stationName || 'Meso station'}</span>
        {mode === 'training' ? (
          <span className="sim-badge" data-testid="simulated" title="Training mode: the simulated gun, training records only; no serum is injected">
            <span>TRAINING</span>
          </span>
        ) : (
          gun?.identity?.simulated && (
            <span className="pill danger" data-testid="simulated" title="A simulator is connected to a clinical station: it cannot be used on a patient's record">
              SIMULATED GUN: not for patients
            </span>
          )
        )}
      </div>
      <div className="item" data-testid="gun-link">
        <span className="k">Gun</span>
        <span className="v">
          <span className={`pill ${linkTone}`}>{!known ? 'Unknown' : gun.detailCode === 'port-not-found' && !gun.identity ? 'No gun found · looking' : LINK_WORDS[link]}</span>
        </span>
        {gun?.detail && link !== 'ready' && (
          <span className="detail" title={gun.detail}>
            {gun.detail}
          </span>
        )}
      </div>
      {gun?.identity && (
        <div className="item">
          <span className="k">Serial · firmware</span>
          <span className="v">
            {gun.identity.serial} · {gun.identity.firmware}
          </span>
        </div>
      )}
      <div className="item">
        <span className="k">Authenticated</span>
        <span className="v">{authenticated ? 'Yes' : 'No'}</span>
      </div>
      <div className="item" data-testid="gun-armed" data-trigger={trigger?.state ?? 'unknown'}>
        <span className="k">Trigger</span>
        <span className="v">
          <TriggerWords t={trigger} />
        </span>
        {triggerDetail(trigger) && (
          <span className="detail" data-testid="trigger-detail" title={triggerDetail(trigger) ?? undefined}>
            {triggerDetail(trigger)}
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
            Disarm
          </button>
          {error && (
            <span className="detail" role="alert" title={error}>
              {error}
            </span>
          )}
          {!error && unacknowledged && (
            <span className="detail" role="status">
              The gun did not answer; it stops itself when it loses the station.
            </span>
          )}
        </div>
      )}
      {st && (
        <div className={`items${link === 'ready' ? '' : ' stale'}`} title={link === 'ready' ? undefined : 'Last known values: the gun is not connected'}>
          <div className="item">
            <span className="k">Battery</span>
            <span className="v num">{st.batteryPct} %</span>
          </div>
          <div className="item">
            <span className="k">Reservoir</span>
            <span className="v num">{formatVolume(st.reservoirNl)}</span>
            <div className={`gauge${st.reservoirNl < 1_000_000 ? ' low' : ''}`} role="meter" aria-label="Reservoir" aria-valuemin={0} aria-valuemax={100} aria-valuenow={reservoirPct ?? 0}>
              <div style={{ width: `${reservoirPct ?? 0}%` }} />
            </div>
          </div>
          <div className="item" data-testid="gun-faults">
            <span className="k">Faults</span>
            <span className="v">{st.faults.length === 0 ? 'None' : <span className="pill danger">{st.faults.map(faultWords).join(', ')}</span>}</span>
          </div>
        </div>
      )}
    </header>
  );
}
