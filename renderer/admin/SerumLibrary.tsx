// Admin: the serum library (dose error reduction). Every change is a draft; a second admin approves
// it, publishing a new immutable version (sessions keep the version they used). Example serums are approved here; lots are received
// on the Lots screen. The editor is admin/serum/SerumEditor.tsx.
import { useState } from 'react';
import type { SerumVersionView } from '../../electron/contract/serum.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Msg, useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, Form, FormEnd, Screen, TextField, buttonColumn, type Column } from '../kit/index.js';
import type { Me } from '../../electron/contract/users.js';
import { RetireSerum, SerumDrafts, VersionCompare } from './quality/SerumDrafts.js';
import { SerumEditor } from './serum/SerumEditor.js';

/** A figure with its unit, never broken across lines (a Turkish "3.000,0 µL" would break at its comma). */
const figure = (text: string) => <span className="figure">{text}</span>;

/** "10.0 µL–50.0 µL": a soft or hard range as the library shows it. */
const doseRange = (f: Format, min: number, max: number) => <Msg id="admin.serums.range" values={{ min: figure(f.volume(min)), max: figure(f.volume(max)) }} />;

function serumColumns(t: Translate, f: Format, open: (serumId: number) => void): Column<SerumVersionView>[] {
  return [
    {
      id: 'name',
      header: t('admin.name'),
      sort: (v) => v.name,
      cell: (v) => (
        <>
          {v.name} {v.retired && <span className="pill">{t('admin.serums.retired')}</span>}{' '}
          {v.example && (v.approval ? <span className="pill ok">{t('admin.serums.exampleApproved')}</span> : <span className="pill warn">{t('admin.serums.exampleNotApproved')}</span>)}
        </>
      ),
    },
    { id: 'version', header: t('admin.version'), cell: (v) => t('admin.versionN', { version: v.version }), numeric: true },
    { id: 'dose', header: t('admin.serums.doseSoft'), cell: (v) => doseRange(f, v.dose.softMinNl, v.dose.softMaxNl) },
    { id: 'depth', header: t('admin.serums.depthSoft'), cell: (v) => <Msg id="admin.serums.range" values={{ min: figure(f.depth(v.depth.softMinUm)), max: figure(f.depth(v.depth.softMaxUm)) }} />,
    },
    { id: 'max', header: t('admin.serums.zoneSessionMax'), cell: (v) => <Msg id="admin.serums.pair" values={{ first: figure(f.volume(v.zoneVolume.softMaxNl)), second: figure(f.volume(v.sessionVolume.softMaxNl)) }} />,
    },
    { id: 'allergens', header: t('admin.serums.allergens'), cell: (v) => v.allergens.join(', ') || '—' },
    buttonColumn({ id: 'open', header: t('admin.open'), label: t('admin.open'), onClick: (v) => open(v.serumId), ariaLabel: (v) => t('admin.serums.openLabel', { name: v.name }) }),
  ];
}

function versionColumns(t: Translate, f: Format): Column<SerumVersionView>[] {
  return [
    { id: 'version', header: t('admin.version'), cell: (v) => t('admin.versionN', { version: v.version }), sort: (v) => v.version, numeric: true },
    { id: 'when', header: t('admin.serums.when'), cell: (v) => f.dateTime(v.createdAt) },
    { id: 'by', header: t('admin.serums.by'), cell: (v) => v.createdBy?.name ?? t('admin.serums.installation') },
    { id: 'reason', header: t('admin.reason'), cell: (v) => v.reason ?? '—' },
    { id: 'dose', header: t('admin.serums.doseSoftHard'), cell: (v) => <Msg id="admin.serums.pair" values={{ first: doseRange(f, v.dose.softMinNl, v.dose.softMaxNl), second: doseRange(f, v.dose.hardMinNl, v.dose.hardMaxNl) }} />,
    },
  ];
}

export function SerumLibrary({ me }: { me: Me }) {
  const t = useT();
  const f = useFormat();
  const list = useLoad('serum.list', {});
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  // A new draft shows in the drafts list at once.
  const [drafted, setDrafted] = useState(0);
  return (
    <Screen title={t('route.serums')} action={{ label: t('admin.serums.new'), onClick: () => setSelected('new') }}>
      <SerumDrafts key={drafted} me={me} onPublished={list.reload} />
      <Card title={t('admin.serums.title')} titleId="sl-title" flat>
        <DataTable caption={t('admin.serums.title')} columns={serumColumns(t, f, setSelected)} rows={list.data} rowKey={(v) => v.serumId} empty={t('admin.serums.none')} />
      </Card>
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
    </Screen>
  );
}

function SerumDetailView({ serumId, onSaved }: { serumId: number; onSaved: () => void }) {
  const t = useT();
  const f = useFormat();
  const detail = useLoad('serum.get', { serumId });
  const d = detail.data;
  if (!d) return <p>{t('admin.loading')}</p>;
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
      <Card title={t('admin.serums.versionsOf', { name: d.latest.name })} titleId="sv-title" flat>
        <DataTable caption={t('admin.serums.versionsOf', { name: d.latest.name })} columns={versionColumns(t, f)} rows={d.versions} rowKey={(v) => v.versionId} empty={t('admin.serums.noVersion')} />
      </Card>
    </>
  );
}

/** An example serum is refused on patients until an admin reviews it and approves it, signing with their password. */
function ApproveExample({ serum, onDone }: { serum: SerumVersionView; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
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
        {t('admin.serums.approvedBy', { name: serum.approval.by.name, when: f.dateTime(serum.approval.at) })}
      </p>
    );
  return (
    <Form className="card stack warnbox" failure={failure} onSubmit={approve} aria-labelledby="approve-title">
      <h2 id="approve-title">{t('admin.serums.exampleTitle')}</h2>
      <p>{t('admin.serums.exampleBody')}</p>
      <TextField label={t('admin.serums.approvePassword')} field="password" name="approvePassword" type="password" value={password} onText={setPassword} autoComplete="current-password" />
      <FormEnd submit={t('admin.serums.approve')} disabled={busy || !password} />
    </Form>
  );
}
