import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { Modal } from './Modal.js';

export function ChangePassword({ forced, onClose }: { forced: boolean; onClose: () => void }) {
  const api = useApi();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (newPassword !== confirm) return setError('The two new passwords differ.');
    if (await run(() => api.call('auth.changePassword', { currentPassword, newPassword }))) onClose();
  };
  return (
    <Modal title={forced ? 'Choose a new password' : 'Change password'} onClose={forced ? undefined : onClose}>
      <form className="stack" onSubmit={submit}>
        {forced && <p className="notice">An administrator reset your password. Choose your own before you continue.</p>}
        <label className="field">
          Current password
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label className="field">
          New password <span className="hint">at least {PASSWORD_MIN_LENGTH} characters</span>
          <input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} required minLength={PASSWORD_MIN_LENGTH} />
        </label>
        <label className="field">
          Repeat new password
          <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="row end">
          {!forced && <button type="button" className="secondary" onClick={onClose}>Cancel</button>}
          <button type="submit" disabled={busy}>Change password</button>
        </div>
      </form>
    </Modal>
  );
}
