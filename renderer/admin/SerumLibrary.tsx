// Admin: the serum library (dose error reduction). Every edit is a new immutable version with a
// reason; sessions keep the version they used. Example serums are approved here; lots are received
// on the Lots screen.
import { useEffect, useState, type FormEvent } from 'react';
import { CONTRAINDICATION_LABELS } from '../../electron/contract/patients.js';
import { INJECTION_MODES, SERUM_CONTRAINDICATIONS, type InjectionMode, type SerumContraindication, type SerumDefinition, type SerumVersionView } from '../../electron/contract/serum.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { depthFieldText, formatDepth, formatVolume, parseDepthMm, parseVolumeUl, volumeFieldText } from '../../electron/contract/units.js';

export function SerumLibrary() {
  const list = useLoad('serum.list', {});
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  return (
    <div className="stack">
      <div className="row between">
        <h1>Serum library</h1>
        <button type="button" onClick={() => setSelected('new')}>
          New serum
        </button>
      </div>
      <section className="card" aria-labelledby="sl-title">
        <h2 id="sl-title">Serums</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Version</th>
              <th scope="col">Dose (soft)</th>
              <th scope="col">Depth (soft)</th>
              <th scope="col">Zone / session max</th>
              <th scope="col">Allergens</th>
              <th scope="col"><span className="sr-only">Open</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data?.map((v) => (
              <tr key={v.serumId}>
                <td>
                  {v.name} {v.example && (v.approval ? <span className="pill ok">example, approved</span> : <span className="pill warn">example, not approved for patients</span>)}
                </td>
                <td className="num">v{v.version}</td>
                <td>
                  {formatVolume(v.dose.softMinNl)}–{formatVolume(v.dose.softMaxNl)}
                </td>
                <td>
                  {formatDepth(v.depth.softMinUm)}–{formatDepth(v.depth.softMaxUm)}
                </td>
                <td>
                  {formatVolume(v.zoneVolume.softMaxNl)} / {formatVolume(v.sessionVolume.softMaxNl)}
                </td>
                <td>{v.allergens.join(', ') || '—'}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setSelected(v.serumId)} aria-label={`Open ${v.name}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {selected === 'new' && <SerumEditor base={null} onSaved={(v) => { list.reload(); setSelected(v.serumId); }} />}
      {typeof selected === 'number' && <SerumDetailView serumId={selected} onSaved={list.reload} />}
    </div>
  );
}

function SerumDetailView({ serumId, onSaved }: { serumId: number; onSaved: () => void }) {
  const detail = useLoad('serum.get', { serumId });
  const d = detail.data;
  if (!d) return <p>Loading…</p>;
  return (
    <>
      <SerumEditor
        key={d.latest.versionId}
        base={d.latest}
        onSaved={() => {
          detail.reload();
          onSaved();
        }}
      />
      {d.latest.example && <ApproveExample serum={d.latest} onDone={() => { detail.reload(); onSaved(); }} />}
      <section className="card" aria-labelledby="sv-title">
        <h2 id="sv-title">Versions of {d.latest.name}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
              <th scope="col">Dose soft / hard</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.versionId}>
                <td className="num">v{v.version}</td>
                <td>{fmtDateTime(v.createdAt)}</td>
                <td>{v.createdBy?.name ?? 'installation'}</td>
                <td>{v.reason ?? '—'}</td>
                <td>
                  {formatVolume(v.dose.softMinNl)}–{formatVolume(v.dose.softMaxNl)} / {formatVolume(v.dose.hardMinNl)}–{formatVolume(v.dose.hardMaxNl)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** An example serum is refused on patients until an admin reviews it and approves it, signing with their password. */
function ApproveExample({ serum, onDone }: { serum: SerumVersionView; onDone: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const approve = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('serum.approveExample', { serumId: serum.serumId, password }))) {
      setPassword('');
      onDone();
    }
  };
  if (serum.approval)
    return (
      <p className="okbox">
        Approved for clinical use by {serum.approval.by.name}, {fmtDateTime(serum.approval.at)}.
      </p>
    );
  return (
    <form className="card stack warnbox" onSubmit={approve} aria-labelledby="approve-title">
      <h2 id="approve-title">Example serum: not approved for patients</h2>
      <p>This entry was installed as an example. Review its components, allergens, contraindications and every limit; sessions refuse it until an administrator approves it.</p>
      <label className="field">
        Your password, to sign the approval
        <input name="approvePassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !password}>
          Approve for clinical use
        </button>
      </div>
    </form>
  );
}

// ---- editor: people type µL, mm and days; the contract takes nL and um ----

type Num = string;
interface Draft {
  name: string;
  components: string;
  allergens: string;
  notes: string;
  dose: [Num, Num, Num, Num];
  depth: [Num, Num, Num, Num];
  zone: [Num, Num];
  session: [Num, Num];
  modes: InjectionMode[];
  contraindications: SerumContraindication[];
  minDays: Num;
  maxDays: Num;
  p: { dose: Num; depth: Num; entry: Num; dwell: Num; exit: Num; mode: InjectionMode };
}

const ul = volumeFieldText;
const mm = depthFieldText;

function toDraft(v: SerumDefinition | null): Draft {
  if (!v)
    return {
      name: '',
      components: '',
      allergens: '',
      notes: '',
      dose: ['5', '10', '50', '100'],
      depth: ['0.5', '1', '4', '6'],
      zone: ['800', '1500'],
      session: ['4000', '8000'],
      modes: ['papule', 'nappage'],
      contraindications: [],
      minDays: '5',
      maxDays: '',
      p: { dose: '20', depth: '2', entry: '0', dwell: '100', exit: '0', mode: 'papule' },
    };
  return {
    name: v.name,
    components: v.components.join(', '),
    allergens: v.allergens.join(', '),
    notes: v.notes,
    dose: [ul(v.dose.hardMinNl), ul(v.dose.softMinNl), ul(v.dose.softMaxNl), ul(v.dose.hardMaxNl)],
    depth: [mm(v.depth.hardMinUm), mm(v.depth.softMinUm), mm(v.depth.softMaxUm), mm(v.depth.hardMaxUm)],
    zone: [ul(v.zoneVolume.softMaxNl), ul(v.zoneVolume.hardMaxNl)],
    session: [ul(v.sessionVolume.softMaxNl), ul(v.sessionVolume.hardMaxNl)],
    modes: v.allowedModes,
    contraindications: v.contraindications,
    minDays: String(v.minDaysBetweenSessions),
    maxDays: v.maxDaysBetweenSessions === null ? '' : String(v.maxDaysBetweenSessions),
    p: {
      dose: ul(v.defaultProfile.doseNl),
      depth: mm(v.defaultProfile.depthUm),
      entry: String(v.defaultProfile.entryPct),
      dwell: String(v.defaultProfile.dwellPct),
      exit: String(v.defaultProfile.exitPct),
      mode: v.defaultProfile.mode,
    },
  };
}

// Not a number: NaN, which the contract refuses naming the field (never a guess, never dropped).
const nl = (s: string) => parseVolumeUl(s) ?? Number.NaN;
const um = (s: string) => parseDepthMm(s) ?? Number.NaN;
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function fromDraft(d: Draft): SerumDefinition {
  return {
    name: d.name,
    components: list(d.components),
    allergens: list(d.allergens),
    contraindications: d.contraindications,
    notes: d.notes,
    dose: { hardMinNl: nl(d.dose[0]), softMinNl: nl(d.dose[1]), softMaxNl: nl(d.dose[2]), hardMaxNl: nl(d.dose[3]) },
    depth: { hardMinUm: um(d.depth[0]), softMinUm: um(d.depth[1]), softMaxUm: um(d.depth[2]), hardMaxUm: um(d.depth[3]) },
    zoneVolume: { softMaxNl: nl(d.zone[0]), hardMaxNl: nl(d.zone[1]) },
    sessionVolume: { softMaxNl: nl(d.session[0]), hardMaxNl: nl(d.session[1]) },
    allowedModes: d.modes,
    minDaysBetweenSessions: Number(d.minDays),
    maxDaysBetweenSessions: d.maxDays.trim() ? Number(d.maxDays) : null,
    defaultProfile: { doseNl: nl(d.p.dose), depthUm: um(d.p.depth), entryPct: Number(d.p.entry), dwellPct: Number(d.p.dwell), exitPct: Number(d.p.exit), mode: d.p.mode },
  };
}

function Quad({ label, unit, values, onChange }: { label: string; unit: string; values: Num[]; onChange: (v: Num[]) => void }) {
  const names = values.length === 4 ? ['Hard min', 'Soft min', 'Soft max', 'Hard max'] : ['Soft max', 'Hard max'];
  return (
    <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12, margin: 0 }}>
      <legend>
        {label} ({unit})
      </legend>
      <div className="row">
        {values.map((v, i) => (
          <label key={names[i]} className="field" style={{ flex: 1, minWidth: 90 }}>
            {names[i]}
            <input inputMode="decimal" value={v} onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))} />
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function SerumEditor({ base, onSaved }: { base: SerumVersionView | null; onSaved: (v: SerumVersionView) => void }) {
  const api = useApi();
  const [d, setD] = useState<Draft>(() => toDraft(base));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => setSaved(false), [d]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const def = fromDraft(d);
    const v = await run(() => (base ? api.call('serum.update', { serumId: base.serumId, expectedVersion: base.version, reason, ...def }) : api.call('serum.create', def)));
    if (v) {
      setSaved(true);
      setReason('');
      onSaved(v);
    }
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="se-title">
      <h2 id="se-title">{base ? `Edit ${base.name} (v${base.version}; saving makes v${base.version + 1})` : 'New serum'}</h2>
      {base?.example && <p className="warnbox">This entry was seeded as an example. Review every limit before clinical use.</p>}
      <div className="grid2">
        <label className="field">
          Name
          <input value={d.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="field">
          Allergens <span className="hint">comma separated, any language (matched as standard allergens)</span>
          <input value={d.allergens} onChange={(e) => set('allergens', e.target.value)} />
        </label>
        <label className="field" style={{ gridColumn: 'span 2' }}>
          Components <span className="hint">comma separated</span>
          <input value={d.components} onChange={(e) => set('components', e.target.value)} />
        </label>
      </div>
      <div className="grid2">
        <Quad label="Dose per shot" unit="µL" values={d.dose} onChange={(v) => set('dose', v as Draft['dose'])} />
        <Quad label="Depth" unit="mm" values={d.depth} onChange={(v) => set('depth', v as Draft['depth'])} />
        <Quad label="Volume per zone" unit="µL" values={d.zone} onChange={(v) => set('zone', v as Draft['zone'])} />
        <Quad label="Volume per session" unit="µL" values={d.session} onChange={(v) => set('session', v as Draft['session'])} />
      </div>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small muted">Allowed modes</legend>
        {INJECTION_MODES.map((m) => (
          <label key={m} className="check">
            <input type="checkbox" checked={d.modes.includes(m)} onChange={(e) => set('modes', e.target.checked ? [...d.modes, m] : d.modes.filter((x) => x !== m))} />
            {m}
          </label>
        ))}
      </fieldset>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small muted">Contraindicated when the screening answers yes to</legend>
        {SERUM_CONTRAINDICATIONS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" name={`contra-${c}`} checked={d.contraindications.includes(c)} onChange={(e) => set('contraindications', e.target.checked ? [...d.contraindications, c] : d.contraindications.filter((x) => x !== c))} />
            {CONTRAINDICATION_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <div className="grid3">
        <label className="field">
          Min. days between sessions
          <input inputMode="numeric" value={d.minDays} onChange={(e) => set('minDays', e.target.value)} />
        </label>
        <label className="field">
          Max. days between sessions <span className="hint">empty: no maximum</span>
          <input inputMode="numeric" value={d.maxDays} onChange={(e) => set('maxDays', e.target.value)} />
        </label>
      </div>
      <fieldset className="stack" style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12, margin: 0 }}>
        <legend>Default profile</legend>
        <div className="grid3">
          <label className="field">
            Dose (µL)
            <input inputMode="decimal" value={d.p.dose} onChange={(e) => set('p', { ...d.p, dose: e.target.value })} />
          </label>
          <label className="field">
            Depth (mm)
            <input inputMode="decimal" value={d.p.depth} onChange={(e) => set('p', { ...d.p, depth: e.target.value })} />
          </label>
          <label className="field">
            Mode
            <select value={d.p.mode} onChange={(e) => set('p', { ...d.p, mode: e.target.value as InjectionMode })}>
              {INJECTION_MODES.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label className="field">
            Entry %
            <input inputMode="numeric" value={d.p.entry} onChange={(e) => set('p', { ...d.p, entry: e.target.value })} />
          </label>
          <label className="field">
            Dwell %
            <input inputMode="numeric" value={d.p.dwell} onChange={(e) => set('p', { ...d.p, dwell: e.target.value })} />
          </label>
          <label className="field">
            Exit %
            <input inputMode="numeric" value={d.p.exit} onChange={(e) => set('p', { ...d.p, exit: e.target.value })} />
          </label>
        </div>
      </fieldset>
      <label className="field">
        Notes
        <textarea value={d.notes} onChange={(e) => set('notes', e.target.value)} />
      </label>
      {base && (
        <label className="field">
          Reason for this change <span className="hint">required; recorded with the new version</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {saved && <p className="okbox" role="status">Saved as a new version.</p>}
      <div className="row end">
        <button type="submit" disabled={busy || (!!base && !reason.trim())}>
          {base ? 'Save new version' : 'Create serum'}
        </button>
      </div>
    </form>
  );
}
