// Preparation: serum and lot (expiry as printed on the vial), zone targets, a new needle, priming, and
// the dose profile the gun echoed back. The core moves on to mesotherapy once all are done.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { DOSE_MODE_NAMES, type DoseModeName, type SessionView, type Zone } from '../../electron/contract/sessions.js';
import type { SerumVersionView } from '../../electron/contract/serum.js';
import { matchAllergens } from '../../electron/contract/allergens.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { ZONES } from '../format.js';
import { depthFieldText, formatDepth, formatVolume, parseDepthMm, parseVolumeUl, volumeFieldText } from '../../electron/contract/units.js';

function Done({ ok, children }: { ok: boolean; children: string }) {
  return <span className={`pill ${ok ? 'ok' : 'off'}`}>{ok ? `✓ ${children}` : children}</span>;
}

export function Preparation({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  return (
    <div className="stack">
      <div className="row" aria-label="Preparation status">
        <Done ok={!!s.serum}>Serum and lot</Done>
        <Done ok={s.needleConfirmedAt !== null}>New needle</Done>
        <Done ok={s.primedAt !== null}>Primed</Done>
        <Done ok={!!s.profile && !!s.gun}>Profile on the gun</Done>
      </div>
      <SerumStep s={s} patientAllergies={patientAllergies} onChanged={onChanged} />
      <ProfileStep s={s} onChanged={onChanged} />
      <NeedleStep s={s} onChanged={onChanged} />
    </div>
  );
}

function SerumStep({ s, patientAllergies, onChanged }: { s: SessionView; patientAllergies: string[]; onChanged: () => void }) {
  const api = useApi();
  const serums = useLoad('serum.list', {});
  const [serumId, setSerumId] = useState<number | ''>('');
  const chosen = serums.data?.find((v) => v.serumId === serumId);
  const lots = useLoad('serum.lots.list', serumId === '' ? null : { serumId, includeExpired: true });
  const [lotNumber, setLotNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const plan = useLoad('plans.get', { patientId: s.patientId });
  const [targets, setTargets] = useState<Record<Zone, string> | null>(null);
  const { busy, error, setError, run } = useAction();
  const planned = plan.data && chosen && plan.data.serumId === chosen.serumId ? plan.data : null;

  useEffect(() => {
    if (serumId === '' && serums.data?.length === 1) setSerumId(serums.data[0]!.serumId);
  }, [serums.data, serumId]);

  // The targets start from the patient's plan for this serum, else the serum's session volume spread
  // evenly within its zone limit (as the core would); either way they are shown and can be changed.
  useEffect(() => {
    if (!chosen) return setTargets(null);
    const even = Math.min(chosen.zoneVolume.softMaxNl, Math.floor(chosen.sessionVolume.softMaxNl / ZONES.length));
    setTargets(Object.fromEntries(ZONES.map((z) => [z.id, volumeFieldText(planned ? planned.zoneTargetsNl[z.id] : even)])) as Record<Zone, string>);
  }, [chosen?.serumId, planned?.id]);

  const clash = chosen ? matchAllergens(patientAllergies, chosen.allergens) : [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    // Every zone has a target: 0 spares it; anything that is not a volume is refused and named.
    const zoneTargetsNl: Partial<Record<Zone, number>> = {};
    for (const z of ZONES) {
      const text = targets?.[z.id].trim() ?? '';
      const nl = parseVolumeUl(text);
      if (nl === null) return setError(`Target for ${z.label}: “${text}” is not a volume in µL (for example 400 or 400.5; 0 spares the zone).`);
      zoneTargetsNl[z.id] = nl;
    }
    const ok = await run(() => api.call('sessions.prepare', { sessionId: s.id, serum: { serumVersionId: chosen.versionId, lotNumber, expiry }, zoneTargetsNl }));
    if (ok) onChanged();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="serum-title">
      <h2 id="serum-title" tabIndex={-1} data-phase-focus="">Serum and lot</h2>
      {s.serum && (
        <p className="okbox">
          Loaded: {s.serum.name}, lot {s.serum.lotNumber}, expires {s.serum.expiry}
        </p>
      )}
      <div className="grid3">
        <label className="field">
          Serum
          <select name="serum" value={serumId} onChange={(e) => setSerumId(e.target.value ? Number(e.target.value) : '')}>
            <option value="">Choose…</option>
            {serums.data?.map((v) => (
              <option key={v.serumId} value={v.serumId}>
                {v.name} (v{v.version}){v.example ? ' — example entry' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Lot number <span className="hint">as printed on the vial</span>
          <select name="lot" value={lotNumber} onChange={(e) => setLotNumber(e.target.value)} disabled={!lots.data}>
            <option value="">Choose…</option>
            {lots.data?.map((l) => (
              <option key={l.id} value={l.lotNumber}>
                {l.lotNumber}
                {l.status === 'quarantined' ? ' (quarantined)' : l.status === 'recalled' ? ' (recalled)' : l.expired ? ' (expired)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Expiry <span className="hint">type it from the vial</span>
          <input name="expiry" type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
        </label>
      </div>
      <p className="small muted">Only lots an administrator has received are listed. The expiry is checked against the lot record.</p>
      {chosen && (
        <p className="small muted">
          {chosen.components.join(', ')} · dose {formatVolume(chosen.dose.softMinNl)}–{formatVolume(chosen.dose.softMaxNl)} (hard {formatVolume(chosen.dose.hardMinNl)}–{formatVolume(chosen.dose.hardMaxNl)}) · zone max {formatVolume(chosen.zoneVolume.softMaxNl)} · session max{' '}
          {formatVolume(chosen.sessionVolume.softMaxNl)}
        </p>
      )}
      {clash.map((c) => (
        <p key={c.patient} className="error" role="alert">
          Allergy: the patient is allergic to {c.patient}, and this serum contains {c.serum}.
        </p>
      ))}
      {targets && (
        <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="small muted">{planned ? 'Target per zone (µL), from the patient’s plan; 0 spares a zone.' : 'Target per zone (µL): no plan for this serum, so its session volume spread evenly; 0 spares a zone.'}</legend>
          <div className="grid4">
            {ZONES.map((z, i) => (
              <label key={z.id} className="field">
                {i + 1}. {z.label}
                <input inputMode="decimal" name={`target-${z.id}`} value={targets[z.id]} onChange={(e) => setTargets({ ...targets, [z.id]: e.target.value })} />
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !chosen || !lotNumber || !expiry}>
          {s.serum ? 'Change serum and lot' : 'Confirm serum and lot'}
        </button>
      </div>
    </form>
  );
}

function NeedleStep({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const { busy, error, run } = useAction();
  const confirm = (what: 'needle' | 'primed') => async () => {
    const input = what === 'needle' ? { sessionId: s.id, needleNewConfirmed: true as const } : { sessionId: s.id, primed: true as const };
    if (await run(() => api.call('sessions.prepare', input))) onChanged();
  };
  return (
    <section className="card stack" aria-labelledby="needle-title">
      <h2 id="needle-title">Needle and priming</h2>
      <p className="muted small">A new single-use 30–32G needle for every patient. Prime with the profile on the gun, until serum shows at the tip.</p>
      <div className="row">
      <button type="button" className={s.needleConfirmedAt ? 'secondary' : ''} onClick={confirm('needle')} disabled={busy || s.needleConfirmedAt !== null}>
        {s.needleConfirmedAt ? '✓ New needle fitted' : 'Confirm a new needle is fitted'}
      </button>
      <button type="button" className={s.primedAt ? 'secondary' : ''} onClick={confirm('primed')} disabled={busy || s.primedAt !== null || !s.serum || !s.profile}>
        {s.primedAt ? '✓ Primed' : 'Confirm the gun is primed'}
      </button>
      </div>
      {(!s.serum || !s.profile) && <p className="muted small">Load the serum and send the profile to the gun before priming.</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

export function ProfileStep({ s, onChanged, compact = false }: { s: SessionView; onChanged: () => void; compact?: boolean }) {
  const api = useApi();
  const serums = useLoad('serum.list', s.serum ? {} : null);
  const version: SerumVersionView | undefined = serums.data?.find((v) => v.versionId === s.serum?.serumVersionId);
  const base = s.profile ?? (version ? { ...version.defaultProfile, minIntervalMs: 500 } : null);
  const [doseUl, setDoseUl] = useState('');
  const [depthMm, setDepthMm] = useState('');
  const [entry, setEntry] = useState('0');
  const [dwell, setDwell] = useState('100');
  const [exit, setExit] = useState('0');
  const [mode, setMode] = useState<DoseModeName>('papule');
  const [interval, setInterval_] = useState('500');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();

  const baseKey = base ? JSON.stringify(base) : '';
  useEffect(() => {
    if (!base) return;
    setDoseUl(volumeFieldText(base.doseNl));
    setDepthMm(depthFieldText(base.depthUm));
    setEntry(String(base.entryPct));
    setDwell(String(base.dwellPct));
    setExit(String(base.exitPct));
    setMode(base.mode);
    setInterval_(String(base.minIntervalMs));
  }, [baseKey]);

  const profile = {
    // Not a number: NaN, which the contract refuses naming the field.
    doseNl: parseVolumeUl(doseUl) ?? Number.NaN,
    depthUm: parseDepthMm(depthMm) ?? Number.NaN,
    entryPct: Number(entry),
    dwellPct: Number(dwell),
    exitPct: Number(exit),
    mode,
    minIntervalMs: Number(interval),
  };
  const beyondSoft = useMemo(() => {
    if (!version) return false;
    return (
      profile.doseNl < version.dose.softMinNl || profile.doseNl > version.dose.softMaxNl || profile.depthUm < version.depth.softMinUm || profile.depthUm > version.depth.softMaxUm
    );
  }, [version, profile.doseNl, profile.depthUm]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('sessions.setProfile', { sessionId: s.id, profile, softOverrideReason: beyondSoft ? reason : undefined }))) onChanged();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">Dose profile</h2>
      {!s.serum && <p className="muted">Load the serum first: its limits bound the profile.</p>}
      <div className={compact ? 'grid3' : 'grid4'}>
        <label className="field">
          Dose per shot (µL)
          <input name="doseUl" inputMode="decimal" value={doseUl} onChange={(e) => setDoseUl(e.target.value)} />
        </label>
        <label className="field">
          Depth (mm)
          <input name="depthMm" inputMode="decimal" value={depthMm} onChange={(e) => setDepthMm(e.target.value)} />
        </label>
        <label className="field">
          Mode
          <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as DoseModeName)}>
            {DOSE_MODE_NAMES.filter((m) => !version || version.allowedModes.includes(m)).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {!compact && (
          <>
            <label className="field">
              Release at entry (%)
              <input name="entryPct" inputMode="numeric" value={entry} onChange={(e) => setEntry(e.target.value)} />
            </label>
            <label className="field">
              While in the skin (%)
              <input name="dwellPct" inputMode="numeric" value={dwell} onChange={(e) => setDwell(e.target.value)} />
            </label>
            <label className="field">
              At exit (%)
              <input name="exitPct" inputMode="numeric" value={exit} onChange={(e) => setExit(e.target.value)} />
            </label>
            <label className="field">
              Min. interval between shots (ms)
              <input name="minIntervalMs" inputMode="numeric" value={interval} onChange={(e) => setInterval_(e.target.value)} />
            </label>
          </>
        )}
      </div>
      {beyondSoft && (
        <label className="field">
          <span className="warnbox">This profile is beyond the serum's soft limits. Give the reason to override (it is recorded).</span>
          <input name="softOverrideReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {s.profile && s.gun && (
        <p className="okbox" data-testid="profile-echo">
          The gun {s.gun.serial} echoed: {formatVolume(s.profile.doseNl)} at {formatDepth(s.profile.depthUm)}, {s.profile.mode}, split {s.profile.entryPct}/{s.profile.dwellPct}/{s.profile.exitPct} %, at most one shot per {s.profile.minIntervalMs} ms
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !s.serum || (beyondSoft && reason.trim().length < 3)}>
          Send profile to the gun
        </button>
      </div>
    </form>
  );
}
