// Admin: paired guns (unpair with a reason), the gun connected now, pairing a new one.
import { useState } from 'react';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { useGun } from '../gun.js';
import { PairGun } from '../components/PairGun.js';
import { Modal } from '../components/Modal.js';

export function GunsScreen() {
  const paired = useLoad('gun.paired', {});
  const gun = useGun();
  const [forget, setForget] = useState<string | null>(null);
  const list = paired.data ?? [];
  return (
    <div className="stack">
      <h1>Guns</h1>
      <section className="card" aria-labelledby="pg-title">
        <h2 id="pg-title">Paired guns</h2>
        {list.length === 0 ? <p className="muted">No gun is paired.</p> : (
          <table>
            <thead>
              <tr>
                <th scope="col">Serial</th>
                <th scope="col">Model</th>
                <th scope="col">Firmware</th>
                <th scope="col">Paired</th>
                <th scope="col">Last seen</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.serial}>
                  <td>
                    {g.serial} {g.connected && <span className="pill ok">connected</span>}
                  </td>
                  <td>{g.model || '—'}</td>
                  <td>{g.firmware || '—'}</td>
                  <td>{fmtDateTime(g.pairedAt)}</td>
                  <td>{fmtDateTime(g.lastSeenAt)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setForget(g.serial)}>
                      Unpair
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card stack" aria-labelledby="pair-title">
        <h2 id="pair-title">Pair a gun</h2>
        <PairGun onPaired={paired.reload} />
        {gun && <p className="muted small">The station looks for the gun at: {gun.source}</p>}
      </section>
      {forget && <ForgetGun serial={forget} onClose={() => setForget(null)} onDone={paired.reload} />}
    </div>
  );
}

function ForgetGun({ serial, onClose, onDone }: { serial: string; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const submit = async () => {
    if (await run(() => api.call('settings.forgetGun', { serial, reason }))) {
      onClose();
      onDone();
    }
  };
  return (
    <Modal title={`Unpair gun ${serial}?`} tone="warn" onClose={onClose}>
      <p>The station forgets this gun's key. It must be paired again (with the code it shows) before it can be used.</p>
      <label className="field">
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={submit} disabled={busy || !reason.trim()}>
          Unpair
        </button>
      </div>
    </Modal>
  );
}
