// Admin: paired guns (unpair with a reason), the gun connected now, pairing a new one.
import { useState } from 'react';
import type { PairedGunView } from '../../electron/contract/gun.js';
import { useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { useGun } from '../gun.js';
import { PairGun } from '../components/PairGun.js';
import { DataTable, ReasonDialog, type Column } from '../kit/index.js';

function gunColumns(unpair: (serial: string) => void): Column<PairedGunView>[] {
  return [
    {
      id: 'serial',
      header: 'Serial',
      sort: (g) => g.serial,
      cell: (g) => (
        <>
          {g.serial} {g.connected && <span className="pill ok">connected</span>}
        </>
      ),
    },
    { id: 'model', header: 'Model', cell: (g) => g.model || '—' },
    { id: 'firmware', header: 'Firmware', cell: (g) => g.firmware || '—' },
    { id: 'paired', header: 'Paired', cell: (g) => fmtDateTime(g.pairedAt), sort: (g) => g.pairedAt },
    { id: 'seen', header: 'Last seen', cell: (g) => fmtDateTime(g.lastSeenAt), sort: (g) => g.lastSeenAt },
    {
      id: 'actions',
      header: 'Actions',
      headerHidden: true,
      cell: (g) => (
        <button type="button" className="secondary" onClick={() => unpair(g.serial)}>
          Unpair
        </button>
      ),
    },
  ];
}

export function GunsScreen() {
  const api = useApi();
  const paired = useLoad('gun.paired', {});
  const gun = useGun();
  const [forget, setForget] = useState<string | null>(null);
  return (
    <div className="stack">
      <h1>Guns</h1>
      <section className="card" aria-labelledby="pg-title">
        <h2 id="pg-title">Paired guns</h2>
        <DataTable caption="Paired guns" columns={gunColumns(setForget)} rows={paired.data} rowKey={(g) => g.serial} empty="No gun is paired." />
      </section>
      <section className="card stack" aria-labelledby="pair-title">
        <h2 id="pair-title">Pair a gun</h2>
        <PairGun onPaired={paired.reload} />
        {gun && <p className="muted small">The station looks for the gun at: {gun.source}</p>}
      </section>
      {forget && (
        <ReasonDialog
          title={`Unpair gun ${forget}?`}
          tone="warn"
          confirm={{ label: 'Unpair', danger: true }}
          onConfirm={(reason) => api.call('settings.forgetGun', { serial: forget, reason })}
          onClose={() => setForget(null)}
          onDone={paired.reload}
        >
          <p>The station forgets this gun's key. It must be paired again (with the code it shows) before it can be used.</p>
        </ReasonDialog>
      )}
    </div>
  );
}
