// Mesotherapy: the scalp map (touch a zone or press 1-8), live shots and volume per zone, the gun's
// state and reservoir, one large arm/disarm control (Space or Escape disarm from anywhere: the gun
// bar's shortcut), the soft-limit dialog, the hard-limit stop. Every figure comes from the dose ledger
// through the core; nothing is counted in the browser.
import { useCallback, useEffect, useState } from 'react';
import type { SessionView, Zone } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { ZONES, zoneLabel } from '../format.js';
import { useReasonText } from '../reasons.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { FormAlert, ReasonDialog } from '../kit/index.js';
import { useGun, gunUsable } from '../gun.js';
import { ProfileStep } from './ProfileStep.js';
import { useStopShortcut } from '../components/useStopShortcut.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';
import { ZoneTable } from './ZoneTable.js';

export function Mesotherapy({ s, onChanged, onFinish }: { s: SessionView; onChanged: () => void; onFinish: () => void }) {
  const words = useReasonText();
  const api = useApi();
  const gun = useGun();
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
        void select(ZONES[n - 1]!.id);
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
            <div className="big-line">The gun is not connected{gun?.linkState && gun.linkState !== 'disconnected' ? ` (${gun.linkState.replace('-', ' ')})` : ''}.</div>
            <div>
              It cannot fire. The {s.totalShots} doses delivered so far ({formatVolume(s.totalDeliveredNl)}) are recorded and stay on screen. Check the cable; the station
              reconnects by itself and fetches any dose the gun still holds.
            </div>
          </div>
        </div>
      )}
      {lastHard && (
        <div className="banner danger" role="alert" data-testid="hard-stop">
          Gun stopped: {words.reason(lastHard.what).replace(/\.$/, '')}
          {lastHard.zone && lastHard.what.code === 'recorded.text' && !lastHard.detail.includes(lastHard.zone) ? ` (${zoneLabel(lastHard.zone)})` : ''}. A hard limit cannot be overridden.
        </div>
      )}
      {/* The controls come first in reading and Tab order (the arm control is the screen's main one); on
          a wide screen the map is drawn on their left. */}
      <div className="meso">
        <div className="stack meso-controls" inert={!connected}>
          <section className="card stack" aria-labelledby="zone-title">
            <h2 id="zone-title" tabIndex={-1} data-phase-focus="">{s.zone ? `Zone: ${zoneLabel(s.zone)}` : 'Choose a zone'}</h2>
            <div className="stats">
              <div className="stat">
                <div className="k">Shots in zone</div>
                <div className="v" data-testid="zone-shots" data-zone={s.zone ?? ''}>
                  {current?.shots ?? 0}
                </div>
              </div>
              <div className="stat">
                <div className="k">Zone volume</div>
                <div className="v" data-testid="zone-volume">{formatVolume(current?.deliveredNl ?? 0)}</div>
              </div>
              <div className="stat">
                <div className="k">Zone target</div>
                <div className="v">{current?.targetNl ? formatVolume(current.targetNl) : '—'}</div>
              </div>
              <div className="stat">
                <div className="k">Session shots</div>
                <div className="v" data-testid="session-shots">{s.totalShots}</div>
              </div>
              <div className="stat">
                <div className="k">Session volume</div>
                <div className="v" data-testid="session-volume">{formatVolume(s.totalDeliveredNl)}</div>
              </div>
              <div className="stat">
                <div className="k">Session max</div>
                <div className="v">{s.sessionSoftMaxNl ? formatVolume(s.sessionSoftMaxNl) : '—'}</div>
              </div>
            </div>
            {reservoir !== null && gun?.status && (
              <div>
                <div className="row between small">
                  <span>Reservoir</span>
                  <span className="num">
                    {formatVolume(reservoir)} of {formatVolume(gun.status.reservoirCapacityNl)}
                  </span>
                </div>
                <div className="progress" role="progressbar" aria-label="Reservoir" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((100 * reservoir) / Math.max(1, gun.status.reservoirCapacityNl))}>
                  <div style={{ width: `${(100 * reservoir) / Math.max(1, gun.status.reservoirCapacityNl)}%`, background: reservoir < 1_000_000 ? '#b7791f' : undefined }} />
                </div>
              </div>
            )}
            {s.profile && (
              <p className="small muted">
                Profile: {formatVolume(s.profile.doseNl)} a shot at {formatDepth(s.profile.depthUm)}, {s.profile.mode}, split {s.profile.entryPct}/{s.profile.dwellPct}/{s.profile.exitPct} %
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
              {armed ? 'DISARM — stop the gun (Space)' : s.zone ? `Arm the gun for ${zoneLabel(s.zone)}` : 'Choose a zone to arm'}
            </button>
            <p className="muted small" id="arm-state" aria-live="polite">
              {armed
                ? 'Armed: the gun fires on its trigger. Changing the zone disarms it.'
                : !connected
                  ? 'The gun is not connected: it cannot be armed.'
                  : !s.zone
                    ? 'Disarmed: the gun will not fire. Choose a zone on the map or press 1–8, then arm.'
                    : s.softAcksNeeded.length > 0
                      ? 'Disarmed: the soft limit needs a reason before the gun can be armed again.'
                      : 'Disarmed: the gun will not fire.'}
            </p>
            <FormAlert message={error} />
            {s.profileResendError && s.profile && !armed && (
              <div className="warnbox stack" role="status" data-testid="profile-resend-failed">
                <span>{words.reason(s.profileResendError)}</span>
                <button type="button" className="secondary" onClick={resendProfile} disabled={busy || !connected}>
                  Send the profile to the gun again
                </button>
              </div>
            )}
          </section>
          <section className="card row between no-print">
            <button type="button" className="secondary" onClick={() => setEditProfile(!editProfile)} disabled={armed}>
              {editProfile ? 'Hide profile' : 'Change profile'}
            </button>
            <button type="button" onClick={onFinish} disabled={armed} data-testid="finish-meso">
              Finish mesotherapy
            </button>
          </section>
          {editProfile && !armed && <ProfileStep s={s} onChanged={onChanged} compact />}
        </div>
        <section className="card stack meso-map" aria-labelledby="map-title">
          <div className="row between">
            <h2 id="map-title">Scalp map</h2>
            <span className="muted small">Touch a zone or press 1–8</span>
          </div>
          <ScalpMap figures={figures} selected={s.zone} onSelect={(z) => void select(z)} title="Scalp map: touch a zone to treat it" />
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
  const need = s.softAcksNeeded[0]!;
  const [dismissed, setDismissed] = useState(false);
  const key = `${need.scope}:${need.zone ?? ''}`;
  useEffect(() => setDismissed(false), [key]);
  if (dismissed)
    return (
      <div className="warnbox row between" role="status">
        <span>Soft limit reached: {words.reason(need.reason)} The gun stays disarmed until you continue with a reason.</span>
        <button type="button" onClick={() => setDismissed(false)}>
          Review
        </button>
      </div>
    );
  return (
    <ReasonDialog
      key={key}
      title="Soft limit reached"
      tone="warn"
      reasonLabel="Reason for continuing"
      reasonName="softReason"
      long
      minLength={3}
      cancelLabel="Stay stopped"
      confirm={{ label: 'Continue with this reason' }}
      staysOpen
      onConfirm={(reason) => api.call('sessions.ackSoftLimit', { sessionId: s.id, scope: need.scope, zone: need.zone ?? undefined, reason })}
      onClose={() => setDismissed(true)}
      onDone={onChanged}
    >
      <p>
        <strong>{words.reason(need.reason)}</strong>
      </p>
      <p>
        {need.scope === 'zone'
          ? 'The gun was disarmed. To continue in this zone, give the clinical reason; it is recorded with your name. A hard limit cannot be passed.'
          : 'The gun was disarmed. To continue in this session, give the clinical reason; it is recorded with your name. A hard limit cannot be passed.'}
      </p>
    </ReasonDialog>
  );
}
