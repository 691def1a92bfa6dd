// Admin: the serum library (dose error reduction). Every change is a draft; a second admin approves
// it, publishing a new immutable version (sessions keep the version they used). Example serums are approved here; lots are received
// on the Lots screen. The editor is admin/serum/SerumEditor.tsx.
import { useState } from 'react';
import type { SerumVersionView } from '../../electron/contract/serum.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { Actions, DataTable, Field, Form, FormAlert, type Column } from '../kit/index.js';
import type { Me } from '../../electron/contract/users.js';
import { RetireSerum, SerumDrafts, VersionCompare } from './quality/SerumDrafts.js';
import { SerumEditor } from './serum/SerumEditor.js';

/** "10.0 µL–50.0 µL": a soft or hard range as the library shows it. */
const doseRange = (min: number, max: number) => `${formatVolume(min)}–${formatVolume(max)}`;

function serumColumns(open: (serumId: number) => void): Column<SerumVersionView>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      sort: (v) => v.name,
      cell: (v) => (
        <>
          {v.name} {v.retired && <span className="pill">retired</span>} {v.example && (v.approval ? <span className="pill ok">example, approved</span> : <span className="pill warn">example, not approved for patients</span>)}
        </>
      ),
    },
    { id: 'version', header: 'Version', cell: (v) => `v${v.version}`, numeric: true },
    { id: 'dose', header: 'Dose (soft)', cell: (v) => doseRange(v.dose.softMinNl, v.dose.softMaxNl) },
    { id: 'depth', header: 'Depth (soft)', cell: (v) => `${formatDepth(v.depth.softMinUm)}–${formatDepth(v.depth.softMaxUm)}` },
    { id: 'max', header: 'Zone / session max', cell: (v) => `${formatVolume(v.zoneVolume.softMaxNl)} / ${formatVolume(v.sessionVolume.softMaxNl)}` },
    { id: 'allergens', header: 'Allergens', cell: (v) => v.allergens.join(', ') || '—' },
    {
      id: 'open',
      header: 'Open',
      headerHidden: true,
      cell: (v) => (
        <button type="button" className="secondary" onClick={() => open(v.serumId)} aria-label={`Open ${v.name}`}>
          Open
        </button>
      ),
    },
  ];
}

const VERSION_COLUMNS: Column<SerumVersionView>[] = [
  { id: 'version', header: 'Version', cell: (v) => `v${v.version}`, sort: (v) => v.version, numeric: true },
  { id: 'when', header: 'When', cell: (v) => fmtDateTime(v.createdAt) },
  { id: 'by', header: 'By', cell: (v) => v.createdBy?.name ?? 'installation' },
  { id: 'reason', header: 'Reason', cell: (v) => v.reason ?? '—' },
  { id: 'dose', header: 'Dose soft / hard', cell: (v) => `${doseRange(v.dose.softMinNl, v.dose.softMaxNl)} / ${doseRange(v.dose.hardMinNl, v.dose.hardMaxNl)}` },
];

export function SerumLibrary({ me }: { me: Me }) {
  const list = useLoad('serum.list', {});
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  // A new draft shows in the drafts list at once.
  const [drafted, setDrafted] = useState(0);
  return (
    <div className="stack">
      <div className="row between">
        <h1>Serum library</h1>
        <button type="button" onClick={() => setSelected('new')}>
          New serum
        </button>
      </div>
      <SerumDrafts key={drafted} me={me} onPublished={list.reload} />
      <section className="card" aria-labelledby="sl-title">
        <h2 id="sl-title">Serums</h2>
        <DataTable caption="Serums" columns={serumColumns(setSelected)} rows={list.data} rowKey={(v) => v.serumId} empty="The library holds no serum yet." />
      </section>
      {selected === 'new' && (
        <SerumEditor base={null} onSaved={() => setDrafted((n) => n + 1)} />
      )}
      {typeof selected === 'number' && (
        <SerumDetailView
          serumId={selected}
          onSaved={() => {
            list.reload();
            setDrafted((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

function SerumDetailView({ serumId, onSaved }: { serumId: number; onSaved: () => void }) {
  const detail = useLoad('serum.get', { serumId });
  const d = detail.data;
  if (!d) return <p>Loading…</p>;
  const changed = () => {
    detail.reload();
    onSaved();
  };
  return (
    <>
      <SerumEditor key={d.latest.versionId} base={d.latest} onSaved={changed} />
      {d.latest.example && <ApproveExample serum={d.latest} onDone={changed} />}
      <VersionCompare detail={d} />
      <RetireSerum serum={d.latest} onDone={changed} />
      <section className="card" aria-labelledby="sv-title">
        <h2 id="sv-title">Versions of {d.latest.name}</h2>
        <DataTable caption={`Versions of ${d.latest.name}`} columns={VERSION_COLUMNS} rows={d.versions} rowKey={(v) => v.versionId} empty="No version." />
      </section>
    </>
  );
}

/** An example serum is refused on patients until an admin reviews it and approves it, signing with their password. */
function ApproveExample({ serum, onDone }: { serum: SerumVersionView; onDone: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const approve = async () => {
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
    <Form className="card stack warnbox" failure={failure} onSubmit={approve} aria-labelledby="approve-title">
      <h2 id="approve-title">Example serum: not approved for patients</h2>
      <p>This entry was installed as an example. Review its components, allergens, contraindications and every limit; sessions refuse it until an administrator approves it.</p>
      <Field label="Your password, to sign the approval" field="password">
        <input name="approvePassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </Field>
      <FormAlert />
      <Actions>
        <button type="submit" disabled={busy || !password}>
          Approve for clinical use
        </button>
      </Actions>
    </Form>
  );
}
