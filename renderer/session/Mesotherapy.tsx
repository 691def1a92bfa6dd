// Mesotherapy: the scalp map (touch a zone or press 1-8), live shots and volume per zone, the gun's
// state and reservoir, one large disarm control (Space or Escape), the soft-limit dialog, the hard-limit
// stop. Every figure comes from the dose ledger through the core; nothing is counted in the browser.
import { useCallback, useEffect, useState } from 'react';
import type { SessionView, Zone } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { ZONES, humanizeMessage, zoneLabel } from '../format.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { Modal } from '../components/Modal.js';
import { useGun, gunUsable } from '../gun.js';
import { ProfileStep } from './Preparation.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';

export function Mesotherapy({ s, onChanged, onFinish }: { s: SessionView; onChanged: () => void; onFinish: () => void }) {
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

  // Keys: 1-8 choose a zone, Space/Escape disarm (never arm: arming is a deliberate press).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= ZONES.length) {
        e.preventDefault();
        void select(ZONES[n - 1]!.id);
      } else if ((e.key === ' ' || e.key === 'Escape') && armed) {
        e.preventDefault();
        void disarm();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [select, disarm, armed]);

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
          Gun stopped: {humanizeMessage(lastHard.detail)}
          {lastHard.zone && !lastHard.detail.includes(lastHard.zone) ? ` (${zoneLabel(lastHard.zone)})` : ''}. A hard limit cannot be overridden.
        </div>
      )}
      <div className="meso">
        <section className="card" aria-labelledby="map-title">
          <div className="row between">
            <h2 id="map-title">Scalp map</h2>
            <span className="muted small">Touch a zone or press 1–8</span>
          </div>
          <ScalpMap figures={figures} selected={s.zone} onSelect={(z) => void select(z)} title="Scalp map: touch a zone to treat it" />
        </section>
        <div className="stack" inert={!connected}>
          <section className="card stack" aria-labelledby="zone-title">
            <h2 id="zone-title">{s.zone ? `Zone: ${zoneLabel(s.zone)}` : 'Choose a zone'}</h2>
            <div className="grid3">
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
            {armed ? (
              <button type="button" className="danger stopbtn" onClick={disarm} disabled={busy} data-testid="disarm">
                DISARM — stop the gun (Space)
              </button>
            ) : (
              <button type="button" className="stopbtn" onClick={arm} disabled={busy || !s.zone || !connected || s.softAcksNeeded.length > 0} data-testid="arm">
                {s.zone ? `Arm the gun for ${zoneLabel(s.zone)}` : 'Choose a zone to arm'}
              </button>
            )}
            <p className="muted small" aria-live="polite">
              {armed ? 'Armed: the gun fires on its trigger. Changing the zone disarms it.' : connected ? 'Disarmed: the gun will not fire.' : 'The gun is not connected: it cannot be armed.'}
            </p>
            {error && <p className="error" role="alert">{error}</p>}
            {s.profileResendError && s.profile && !armed && (
              <div className="warnbox stack" role="status" data-testid="profile-resend-failed">
                <span>{humanizeMessage(s.profileResendError)}</span>
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
      </div>
      <ZoneTable s={s} />
      {s.softAcksNeeded.length > 0 && <SoftLimitDialog s={s} onChanged={onChanged} />}
    </div>
  );
}

export function ZoneTable({ s }: { s: SessionView }) {
  return (
    <section className="card" aria-labelledby="zt-title">
      <h2 id="zt-title">Per zone</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col" className="numcell">Shots</th>
            <th scope="col" className="numcell">Delivered</th>
            <th scope="col" className="numcell">Commanded</th>
            <th scope="col" className="numcell">Target</th>
            <th scope="col" className="numcell">Soft max</th>
            <th scope="col" className="numcell">Hard max</th>
          </tr>
        </thead>
        <tbody>
          {ZONES.map((z) => {
            const t = s.zones.find((x) => x.zone === z.id);
            return (
              <tr key={z.id} data-zone-row={z.id}>
                <th scope="row">{z.label}</th>
                <td className="numcell">{t?.shots ?? 0}</td>
                <td className="numcell" data-testid={`delivered-${z.id}`} data-nl={t?.deliveredNl ?? 0}>
                  {formatVolume(t?.deliveredNl ?? 0)}
                </td>
                <td className="numcell">{formatVolume(t?.commandedNl ?? 0)}</td>
                <td className="numcell">{t?.targetNl ? formatVolume(t.targetNl) : '—'}</td>
                <td className="numcell">{t?.softMaxNl ? formatVolume(t.softMaxNl) : '—'}</td>
                <td className="numcell">{t?.hardMaxNl ? formatVolume(t.hardMaxNl) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Session</th>
            <td className="numcell">{s.totalShots}</td>
            <td className="numcell" data-testid="delivered-total" data-nl={s.totalDeliveredNl}>
              {formatVolume(s.totalDeliveredNl)}
            </td>
            <td className="numcell">{formatVolume(s.zones.reduce((a, z) => a + z.commandedNl, 0))}</td>
            <td className="numcell" />
            <td className="numcell">{s.sessionSoftMaxNl ? formatVolume(s.sessionSoftMaxNl) : '—'}</td>
            <td className="numcell">{s.sessionHardMaxNl ? formatVolume(s.sessionHardMaxNl) : '—'}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function SoftLimitDialog({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const need = s.softAcksNeeded[0]!;
  const [reason, setReason] = useState('');
  const [dismissed, setDismissed] = useState(false);
  const { busy, error, run } = useAction();
  const key = `${need.scope}:${need.zone ?? ''}`;
  useEffect(() => {
    setReason('');
    setDismissed(false);
  }, [key]);
  if (dismissed)
    return (
      <div className="warnbox row between" role="status">
        <span>Soft limit reached: {humanizeMessage(need.message)}. The gun stays disarmed until you continue with a reason.</span>
        <button type="button" onClick={() => setDismissed(false)}>
          Review
        </button>
      </div>
    );
  const submit = async () => {
    if (await run(() => api.call('sessions.ackSoftLimit', { sessionId: s.id, scope: need.scope, zone: need.zone ?? undefined, reason }))) onChanged();
  };
  return (
    <Modal title="Soft limit reached" tone="warn" onClose={() => setDismissed(true)}>
      <p>
        <strong>{humanizeMessage(need.message)}</strong>
      </p>
      <p>The gun was disarmed. To continue in this {need.scope === 'zone' ? 'zone' : 'session'}, give the clinical reason; it is recorded with your name. A hard limit cannot be passed.</p>
      <label className="field">
        Reason for continuing
        <textarea name="softReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={() => setDismissed(true)}>
          Stay stopped
        </button>
        <button type="button" onClick={submit} disabled={busy || reason.trim().length < 3}>
          Continue with this reason
        </button>
      </div>
    </Modal>
  );
}
