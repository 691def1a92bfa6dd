// Pairing: the station asks the gun to show a fresh 6-digit code; the operator types it here. The
// code never crosses the cable: both ends derive the link key from it (PROTOCOL.md, pairing).
import { useState, type FormEvent } from 'react';
import { useAction, useApi } from '../api/hooks.js';
import { beginPairing, pairGun, useGun } from '../gun.js';

export function PairGun({ onPaired }: { onPaired: () => void }) {
  const api = useApi();
  const gun = useGun();
  const [code, setCode] = useState('');
  const [asked, setAsked] = useState(false);
  const { busy, error, run } = useAction();
  const link = gun?.linkState ?? 'disconnected';

  const ask = async () => {
    if ((await run(() => beginPairing(api))) !== undefined) setAsked(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await run(() => pairGun(api, code))) !== undefined) {
      setCode('');
      setAsked(false);
      onPaired();
    }
  };

  if (link === 'ready' && gun?.identity)
    return (
      <div className="stack">
        <p className="okbox" role="status">
          Gun {gun.identity.serial} ({gun.identity.model}) is paired and connected.
        </p>
        <div className="row end">
          <button type="button" onClick={onPaired}>
            Continue
          </button>
        </div>
      </div>
    );

  return (
    <form className="stack" onSubmit={submit}>
      <p>
        {gun?.identity ? `Gun ${gun.identity.serial} (${gun.identity.model}, firmware ${gun.identity.firmware}) is connected` : 'No gun is connected. Plug the gun in with its USB cable and switch it on.'}
        {link === 'awaiting-pairing' ? ' and waits to be paired.' : gun?.identity ? '.' : ''}
      </p>
      {gun?.detail && link === 'refused' && <p className="error">{gun.detail}</p>}
      <div className="row">
        <button type="button" className={asked ? 'secondary' : ''} onClick={ask} disabled={busy || link !== 'awaiting-pairing'}>
          {asked ? 'Show a new code' : 'Show a pairing code on the gun'}
        </button>
      </div>
      <label className="field">
        Pairing code <span className="hint">the 6 digits on the gun's display</span>
        <input name="pairingCode" inputMode="numeric" autoComplete="off" pattern="[0-9]{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} disabled={!asked} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || !asked || code.length !== 6}>
          Pair the gun
        </button>
      </div>
    </form>
  );
}
