// The patient's plan: serum, dose profile and a target for every zone (0 spares it). Started from the
// last session ("repeat last session") or from the course template, adjusted, and saved; a target
// above the serum's soft limit for a zone asks for its reason before it is saved.
import { useState, type FormEvent } from 'react';
import type { PlanDraft, PlanSource } from '../../electron/contract/plans.js';
import type { DoseProfile } from '../../electron/contract/serum.js';
import type { Zone } from '../../electron/contract/sessions.js';
import { formatDepth, formatVolume, parseVolumeUl, volumeFieldText } from '../../electron/contract/units.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { ZONES, fmtDateTime } from '../format.js';
import { reasonText } from '../reasons.js';

interface Editing {
  serumId: number;
  serumName: string;
  profile: DoseProfile;
  targets: Record<Zone, string>;
  reasons: Partial<Record<Zone, string>>;
  source: PlanSource;
  basis: PlanDraft['basis'] | null;
  zoneSoftMaxNl: number;
}

const targetsText = (t: Record<Zone, number>) => Object.fromEntries(ZONES.map((z) => [z.id, volumeFieldText(t[z.id])])) as Record<Zone, string>;

export function PlanEditor({ patientId, canEdit }: { patientId: number; canEdit: boolean }) {
  const api = useApi();
  const plan = useLoad('plans.get', { patientId });
  const serums = useLoad('serum.list', {});
  const [editing, setEditing] = useState<Editing | null>(null);
  const [templateSerum, setTemplateSerum] = useState<number | ''>('');
  const { busy, error, setError, run } = useAction();
  const p = plan.data;

  const draft = async (from: 'last-session' | 'course-template') => {
    const d = await run(() => api.call('plans.draft', { patientId, from, serumId: from === 'course-template' && templateSerum !== '' ? templateSerum : undefined }));
    if (d) setEditing({ serumId: d.serumId, serumName: d.serumName, profile: d.profile, targets: targetsText(d.zoneTargetsNl), reasons: {}, source: d.source, basis: d.basis, zoneSoftMaxNl: d.zoneSoftMaxNl });
  };
  const edit = () => {
    if (!p) return;
    const soft = serums.data?.find((s) => s.serumId === p.serumId)?.zoneVolume.softMaxNl ?? Number.POSITIVE_INFINITY;
    setEditing({ serumId: p.serumId, serumName: p.serumName, profile: p.profile, targets: targetsText(p.zoneTargetsNl), reasons: p.overSoftReasons, source: 'manual', basis: null, zoneSoftMaxNl: soft });
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    const zoneTargetsNl = {} as Record<Zone, number>;
    for (const z of ZONES) {
      const nl = parseVolumeUl(editing.targets[z.id].trim());
      if (nl === null) return setError(`Target for ${z.label}: “${editing.targets[z.id]}” is not a volume in µL (0 spares the zone).`);
      zoneTargetsNl[z.id] = nl;
    }
    const saved = await run(() => api.call('plans.save', { patientId, serumId: editing.serumId, profile: editing.profile, zoneTargetsNl, overSoftReasons: Object.fromEntries(Object.entries(editing.reasons).filter(([, why]) => why?.trim())), source: editing.source }));
    if (saved) {
      setEditing(null);
      plan.reload();
    }
  };

  return (
    <section className="card stack" aria-labelledby="pt-plan">
      <h2 id="pt-plan">Plan</h2>
      {!editing && !p && <p className="muted">No plan yet: the session's zone targets come from the serum's limits.</p>}
      {!editing && p && (
        <div className="stack">
          <p>
            <strong>{p.serumName}</strong> · {formatVolume(p.profile.doseNl)} a shot at {formatDepth(p.profile.depthUm)}, {p.profile.mode} · saved {fmtDateTime(p.createdAt)} by {p.createdBy.name}
          </p>
          <table aria-label="Planned targets">
            <thead>
              <tr>
                {ZONES.map((z) => (
                  <th key={z.id} scope="col">
                    {z.short}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {ZONES.map((z) => (
                  <td key={z.id} className="numcell" data-zone={z.id}>
                    {p.zoneTargetsNl[z.id] === 0 ? 'spared' : formatVolume(p.zoneTargetsNl[z.id])}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {canEdit && !editing && (
        <div className="row">
          <button type="button" className="secondary" onClick={() => draft('last-session')} disabled={busy}>
            Repeat last session
          </button>
          <label className="field">
            Serum for a plan from the course
            <select name="planSerum" value={templateSerum} onChange={(e) => setTemplateSerum(e.target.value ? Number(e.target.value) : '')}>
              <option value="">The plan's, or the last session's</option>
              {serums.data?.map((s) => (
                <option key={s.serumId} value={s.serumId}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => draft('course-template')} disabled={busy} style={{ alignSelf: 'flex-end' }}>
            Start from the course template
          </button>
          {p && (
            <button type="button" className="secondary" onClick={edit} style={{ alignSelf: 'flex-end' }}>
              Edit the plan
            </button>
          )}
        </div>
      )}
      {editing && (
        <form className="stack" onSubmit={save} aria-label="Edit the plan">
          <p>
            <strong>{editing.serumName}</strong>
            {editing.basis && <span className="muted"> · {reasonText(editing.basis, '')}</span>}
          </p>
          <div className="grid4">
            {ZONES.map((z) => {
              const nl = parseVolumeUl(editing.targets[z.id].trim());
              const over = nl !== null && nl > editing.zoneSoftMaxNl;
              return (
                <div key={z.id} className="stack" style={{ gap: 4 }}>
                  <label className="field">
                    {z.label} (µL)
                    <input name={`target-${z.id}`} inputMode="decimal" value={editing.targets[z.id]} onChange={(e) => setEditing({ ...editing, targets: { ...editing.targets, [z.id]: e.target.value } })} />
                  </label>
                  {nl === 0 && <span className="small muted">spared</span>}
                  {over && (
                    <label className="field">
                      Reason: above the soft limit of {formatVolume(editing.zoneSoftMaxNl)}
                      <input name={`reason-${z.id}`} value={editing.reasons[z.id] ?? ''} onChange={(e) => setEditing({ ...editing, reasons: { ...editing.reasons, [z.id]: e.target.value } })} />
                    </label>
                  )}
                </div>
              );
            })}
          </div>
          <div className="row end">
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
            <button type="submit" disabled={busy}>
              Save plan
            </button>
          </div>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
