// Training mode on screen. The gun bar's TRAINING badge is on every screen; beside it this panel says
// nothing here is a clinical record, shows the simulated gun's own display (its pairing code, armed,
// reservoir, faults, shot counter) so that pairing needs no second terminal, and holds its trigger: a
// button held down, or the F key held as a foot pedal would send it. While held the station presses
// the simulated gun's trigger at the gun's own rate; a hold is confirmed every half second and
// released on key-up, pointer-up or leaving the window. Signed in, the panel sits in the navigation
// column (the treatment screens keep their height); elsewhere (login, lock, set-up) it is a row
// under the gun bar.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import type { SimulatorDisplay, TrainingStatus } from '../../electron/contract/training.js';
import { useAction, useApi } from '../api/hooks.js';
import { formatVolume } from '../../electron/contract/units.js';
import { faultWords } from './GunBar.js';
import { Msg, useT } from '../i18n/I18n.js';

/** The key held as a foot pedal: not Space or Escape (the stop), not a digit (zones). */
export const TRIGGER_KEY = 'f';
const CONFIRM_EVERY_MS = 500;

export function TrainingBanner({ placement }: { placement: 'row' | 'nav' }) {
  const api = useApi();
  const t = useT();
  const [status, setStatus] = useState<TrainingStatus | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    let live = true;
    const off = api.on('training.changed', (s) => live && setStatus(s));
    api.call('training.status', {}, { passive: true }).then((s) => live && setStatus(s), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  const leave = () => void run(() => api.call('training.leave', {}));

  return (
    <div className={placement === 'row' ? 'training-banner' : 'training-banner training-nav'} role="region" aria-label={t('training.region')} data-testid="training-banner">
      <div className="training-words">
        <strong>{t('gunbar.training')}</strong>
        <span className="training-note">{t('training.note')}</span>
        <button type="button" className="secondary" onClick={leave} disabled={busy}>
          {t('training.leave')}
        </button>
        {error && <span role="alert">{error}</span>}
      </div>
      {status?.simulator ? (
        <SimulatedGunPanel sim={status.simulator} />
      ) : (
        <p className="small">{t('training.external')}</p>
      )}
    </div>
  );
}

function SimulatedGunPanel({ sim }: { sim: SimulatorDisplay }) {
  const t = useT();
  const intl = useIntl();
  const api = useApi();
  const held = useRef(false);
  const [pressing, setPressing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const send = useCallback(
    (h: boolean) =>
      api.call('training.trigger', { held: h }).then(
        () => setRefusal(null),
        (e: unknown) => setRefusal(e instanceof Error ? e.message : String(e)),
      ),
    [api],
  );
  const press = useCallback(() => {
    if (held.current) return;
    held.current = true;
    setPressing(true);
    void send(true);
  }, [send]);
  const release = useCallback(() => {
    if (!held.current) return;
    held.current = false;
    setPressing(false);
    void send(false);
  }, [send]);

  // While held, confirm the hold (a window that vanishes mid-press is released by the station).
  useEffect(() => {
    if (!pressing) return;
    const t = setInterval(() => void send(true), CONFIRM_EVERY_MS);
    return () => clearInterval(t);
  }, [pressing, send]);

  // The F key, held down as a foot pedal would: ignored while typing or in a dialog.
  useEffect(() => {
    const typing = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    };
    const down = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== TRIGGER_KEY || e.ctrlKey || e.metaKey || e.altKey || typing(e) || document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      if (!e.repeat) press();
    };
    const up = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === TRIGGER_KEY) release();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', release);
      release();
    };
  }, [press, release]);

  return (
    <section className="sim-panel" aria-label={t('sim.region')} data-testid="sim-display">
      <div className="sim-screen" aria-live="polite">
        <span className="k">{t('sim.gun', { serial: sim.serial })}</span>
        {sim.pairingCode ? (
          <span className="sim-code" data-testid="sim-pairing-code">
            <Msg id="sim.pairingCode" values={{ code: sim.pairingCode }} />
          </span>
        ) : (
          <span data-testid="sim-armed">{sim.armed ? t('trigger.armed') : t('sim.disarmed')}</span>
        )}
        <span>{t('sim.reservoir', { volume: formatVolume(sim.reservoirNl, { locale: intl.locale }) })}</span>
        <span>{sim.faults.length === 0 ? t('sim.faultsNone') : t('sim.faults', { faults: sim.faults.map((f) => faultWords(t, f)).join(', ') })}</span>
        <span>
          <Msg id="sim.shots" values={{ count: sim.shots, b: (chunks) => <strong data-testid="sim-shots">{chunks}</strong> }} />
        </span>
        {!sim.plugged && <span>{t('sim.cableOut')}</span>}
      </div>
      <button
        type="button"
        className={`sim-trigger${pressing ? ' pressed' : ''}`}
        aria-pressed={pressing}
        data-testid="sim-trigger"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          press();
        }}
        onPointerUp={release}
        onPointerCancel={release}
        onLostPointerCapture={release}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === ' ') && !e.repeat) {
            e.preventDefault();
            e.stopPropagation();
            press();
          }
        }}
        onKeyUp={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.stopPropagation();
            release();
          }
        }}
      >
        <Msg id="sim.hold" />
      </button>
      {refusal && (
        <span className="small" role="alert">
          {refusal}
        </span>
      )}
    </section>
  );
}
