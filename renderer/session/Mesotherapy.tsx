// Mesotherapy: the scalp map (touch a zone or press 1-8), live shots and volume per zone, the gun's
// state and reservoir, one large arm/disarm control (Space or Escape disarm from anywhere: the gun
// bar's shortcut), the soft-limit dialog, the hard-limit stop. Every figure comes from the dose ledger
// through the core; nothing is counted in the browser.
import { useCallback, useEffect, useState } from 'react';
import { ZONES, type SessionView, type Zone } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { useReasonText } from '../reasons.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { LINK_KEYS } from '../components/GunBar.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { FormAlert } from '../kit/index.js';
import { SessionReasonDialog } from './SessionReasonDialog.js';
import { useGun, gunUsable } from '../gun.js';
import { ProfileStep } from './ProfileStep.js';
import { useStopShortcut } from '../components/useStopShortcut.js';
import { NO_FIGURE, ZoneTable } from './ZoneTable.js';

export function Mesotherapy({ s, onChanged, onFinish }: { s: SessionView; onChanged: () => void; onFinish: () => void }) {
  const words = useReasonText();
  const api = useApi();
  const gun = useGun();
  const t = useT();
  const f = useFormat();
  const { busy, error, run } = useAction();
  const [editProfile, setEditProfile] = useState(false);
  const armed = s.armed;
  const connected = gunUsable(gun);

  const figures: Partial<Record<Zone, ZoneFigures>> = {};
  for (const z of s.zones) figures[z.zone] = { deliveredNl: z.deliveredNl, targetNl: z.targetNl, shots: z.shots };
  const current = s.zone ? s.zones.find((z) => z.zone === s.zone) : undefined;
  const hardStops = s.limitEvents.filter((e) => e.kind === 'hard_stop' || e.kind === 'hard_block');
  const lastHard = hardStops[hardStops.length - 1];

  const select = useCallback(
    async (zone: Zone) => {
      if (zone === s.zone) return;
      const r = await run(async () => {
        if (s.armed) await api.call('sessions.disarm', { sessionId: s.id });
        return api.call('sessions.selectZone', { sessionId: s.id, zone });
      });
      if (r) onChanged();
    },
    [api, run, s.armed, s.id, s.zone, onChanged],
  );
  const arm = useCallback(async () => {
    if (await run(() => api.call('sessions.arm', { sessionId: s.id }))) onChanged();
  }, [api, run, s.id, onChanged]);
  // The core sends the profile again by itself when the gun reconnects; this is the fallback for when
  // that automatic re-send failed (s.profileResendError).
  const resendProfile = useCallback(async () => {
    const profile = s.profile;
    if (!profile) return;
    if (await run(() => api.call('sessions.setProfile', { sessionId: s.id, profile }))) onChanged();
  }, [api, run, s.id, s.profile, onChanged]);
  const disarm = useCallback(async () => {
    if (await run(() => api.call('sessions.disarm', { sessionId: s.id }))) onChanged();
  }, [api, run, s.id, onChanged]);
  const canArm = !!s.zone && connected && s.softAcksNeeded.length === 0;
  // One control that arms and disarms: the same button stays focused across both (a disabled or
  // replaced button would drop focus to the page). A disarm is never held back by a call in flight.
  const armOrDisarm = () => {
    if (armed) void disarm();
    else if (canArm && !busy) void arm();
  };

  // Space and Escape disarm: the gun bar's shortcut does so from every screen once the gun's STATUS
  // says armed; this screen knows from the session at once, so it registers the same shortcut.
  useStopShortcut(armed, () => void disarm());

  // Keys 1-8 choose a zone.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const n = Number(e.key);
      if (e.key.length === 1 && Number.isInteger(n) && n >= 1 && n <= ZONES.length) {
        e.preventDefault();
        void select(ZONES[n - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select]);

  const reservoir = gun?.status ? gun.status.reservoirNl : null;

  return (
    <div className="stack">
      {!connected && (
        <div className="banner danger blocking-banner" role="alert" data-testid="gun-lost">
          <div>
            <div className="big-line">
              {gun?.linkState && gun.linkState !== 'disconnected' ? t('meso.gunLostState', { state: t(LINK_KEYS[gun.linkState]) }) : t('meso.gunLost')}
            </div>
            <div>{t('meso.gunLostBody', { shots: s.totalShots, volume: f.volume(s.totalDeliveredNl) })}</div>
          </div>
        </div>
      )}
      {lastHard && (
        <div className="banner danger" role="alert" data-testid="hard-stop">
          {t('meso.hardStop', {
            detail: words.reason(lastHard.what).replace(/\.$/, ''),
            zone: lastHard.zone && lastHard.what.code === 'recorded.text' && !lastHard.detail.includes(lastHard.zone) ? t('meso.hardStopZone', { zone: f.zone(lastHard.zone) }) : '',
          })}
        </div>
      )}
      {/* The controls come first in reading and Tab order (the arm control is the screen's main one); on
          a wide screen the map is drawn on their left. */}
      <div className="meso">
        <div className="stack meso-controls" inert={!connected}>
          <section className="card stack" aria-labelledby="zone-title">
            <h2 id="zone-title" tabIndex={-1} data-phase-focus="">{s.zone ? t('meso.zone', { zone: f.zone(s.zone) }) : t('meso.chooseZone')}</h2>
            <div className="stats">
              <div className="stat">
                <div className="k">{t('meso.zoneShots')}</div>
                <div className="v" data-testid="zone-shots" data-zone={s.zone ?? ''}>
                  {current?.shots ?? 0}
                </div>
              </div>
              <div className="stat">
                <div className="k">{t('meso.zoneVolume')}</div>
                <div className="v" data-testid="zone-volume">{f.volume(current?.deliveredNl ?? 0)}</div>
              </div>
              <div className="stat">
                <div className="k">{t('meso.zoneTarget')}</div>
                <div className="v">{current?.targetNl ? f.volume(current.targetNl) : NO_FIGURE}</div>
              </div>
              <div className="stat">
                <div className="k">{t('meso.sessionShots')}</div>
                <div className="v" data-testid="session-shots">{s.totalShots}</div>
              </div>
              <div className="stat">
                <div className="k">{t('meso.sessionVolume')}</div>
                <div className="v" data-testid="session-volume">{f.volume(s.totalDeliveredNl)}</div>
              </div>
              <div className="stat">
                <div className="k">{t('meso.sessionMax')}</div>
                <div className="v">{s.sessionSoftMaxNl ? f.volume(s.sessionSoftMaxNl) : NO_FIGURE}</div>
              </div>
            </div>
            {reservoir !== null && gun?.status && (
              <div>
                <div className="row between small">
                  <span>{t('meso.reservoir')}</span>
                  <span className="num">{t('meso.reservoirOf', { volume: f.volume(reservoir), capacity: f.volume(gun.status.reservoirCapacityNl) })}</span>
                </div>
                <div className="progress" role="progressbar" aria-label={t('meso.reservoir')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((100 * reservoir) / Math.max(1, gun.status.reservoirCapacityNl))}>
                  <div style={{ width: `${(100 * reservoir) / Math.max(1, gun.status.reservoirCapacityNl)}%`, background: reservoir < 1_000_000 ? '#b7791f' : undefined }} />
                </div>
              </div>
            )}
            {s.profile && (
              <p className="small muted">
                {t('meso.profile', {
                  dose: f.volume(s.profile.doseNl),
                  depth: f.depth(s.profile.depthUm),
                  mode: t('session.mode', { mode: s.profile.mode }),
                  entry: s.profile.entryPct,
                  dwell: s.profile.dwellPct,
                  exit: s.profile.exitPct,
                })}
              </p>
            )}
            <button
              type="button"
              className={`stopbtn${armed ? ' danger' : ''}`}
              onClick={armOrDisarm}
              aria-disabled={!armed && (!canArm || busy) ? true : undefined}
              aria-describedby="arm-state"
              data-testid={armed ? 'disarm' : 'arm'}
              data-main-control=""
            >
              {armed ? t('meso.disarm') : s.zone ? t('meso.arm', { zone: f.zone(s.zone) }) : t('meso.armChooseZone')}
            </button>
            <p className="muted small" id="arm-state" aria-live="polite">
              {t(armed ? 'meso.armed' : !connected ? 'meso.cannotArm' : !s.zone ? 'meso.disarmedNoZone' : s.softAcksNeeded.length > 0 ? 'meso.disarmedSoft' : 'meso.disarmed')}
            </p>
            <FormAlert message={error} />
            {s.profileResendError && s.profile && !armed && (
              <div className="warnbox stack" role="status" data-testid="profile-resend-failed">
                <span>{words.reason(s.profileResendError)}</span>
                <button type="button" className="secondary" onClick={resendProfile} disabled={busy || !connected}>
                  {t('meso.resendProfile')}
                </button>
              </div>
            )}
          </section>
          <section className="card row between no-print">
            <button type="button" className="secondary" onClick={() => setEditProfile(!editProfile)} disabled={armed}>
              {editProfile ? t('meso.hideProfile') : t('meso.changeProfile')}
            </button>
            <button type="button" onClick={onFinish} disabled={armed} data-testid="finish-meso">
              {t('meso.finish')}
            </button>
          </section>
          {editProfile && !armed && <ProfileStep s={s} onChanged={onChanged} compact />}
        </div>
        <section className="card stack meso-map" aria-labelledby="map-title">
          <div className="row between">
            <h2 id="map-title">{t('meso.mapTitle')}</h2>
            <span className="muted small">{t('meso.mapHint')}</span>
          </div>
          <ScalpMap figures={figures} selected={s.zone} onSelect={(z) => void select(z)} title={t('meso.mapLabel')} />
        </section>
      </div>
      <ZoneTable s={s} />
      {s.softAcksNeeded.length > 0 && <SoftLimitDialog s={s} onChanged={onChanged} />}
    </div>
  );
}

function SoftLimitDialog({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const words = useReasonText();
  const api = useApi();
  const t = useT();
  const need = s.softAcksNeeded[0]!;
  const [dismissed, setDismissed] = useState(false);
  const key = `${need.scope}:${need.zone ?? ''}`;
  useEffect(() => setDismissed(false), [key]);
  if (dismissed)
    return (
      <div className="warnbox row between" role="status">
        <span>
          {t('meso.softWaiting', { detail: words.reason(need.reason).replace(/\.$/, '') })}
        </span>
        <button type="button" onClick={() => setDismissed(false)}>
          {t('meso.softReview')}
        </button>
      </div>
    );
  return (
    <SessionReasonDialog
      key={key}
      title={t('meso.softTitle')}
      reasonLabel={t('meso.softReason')}
      reasonName="softReason"
      cancelLabel={t('meso.softStay')}
      confirm={{ label: t('meso.softContinue') }}
      staysOpen
      onConfirm={(reason) => api.call('sessions.ackSoftLimit', { sessionId: s.id, scope: need.scope, zone: need.zone ?? undefined, reason })}
      onClose={() => setDismissed(true)}
      onDone={onChanged}
    >
      <p>
        <strong>{words.reason(need.reason)}</strong>
      </p>
      <p>{t('meso.softBody', { scope: need.scope })}</p>
    </SessionReasonDialog>
  );
}
