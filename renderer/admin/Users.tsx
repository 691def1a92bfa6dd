// Admin: users. Never deleted (records refer to them): disabled and enabled with a reason.
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type Me, type UserView } from '../../electron/contract/users.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { Modal } from '../components/Modal.js';

export function UsersScreen({ me }: { me: Me }) {
  const api = useApi();
  const users = useLoad('users.list', { includeDisabled: true });
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'clinician' | 'admin'>('clinician');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const [acting, setActing] = useState<{ user: UserView; what: 'disable' | 'enable' | 'reset' } | null>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('users.create', { username, displayName, role, password }))) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      users.reload();
    }
  };

  return (
    <div className="stack">
      <h1>Users</h1>
      <section className="card" aria-labelledby="ul-title">
        <h2 id="ul-title">Accounts</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.data?.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.username}</td>
                <td>{u.role}</td>
                <td>
                  {u.disabled ? <span className="pill off">disabled</span> : u.lockedOutUntil ? <span className="pill warn">locked out</span> : <span className="pill ok">active</span>}
                  {u.mustChangePassword && <span className="pill warn">must change password</span>}
                </td>
                <td>{fmtDateTime(u.createdAt)}</td>
                <td className="row">
                  <button type="button" className="secondary" onClick={() => setActing({ user: u, what: 'reset' })}>
                    Reset password
                  </button>
                  {u.id !== me.userId &&
                    (u.disabled ? (
                      <button type="button" className="secondary" onClick={() => setActing({ user: u, what: 'enable' })}>
                        Enable
                      </button>
                    ) : (
                      <button type="button" className="secondary" onClick={() => setActing({ user: u, what: 'disable' })}>
                        Disable
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="card stack" onSubmit={create} aria-labelledby="nu-title">
        <h2 id="nu-title">New user</h2>
        <div className="grid2">
          <label className="field">
            Username
            <input name="newUsername" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
          </label>
          <label className="field">
            Full name
            <input name="newDisplayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          </label>
          <label className="field">
            Role
            <select name="newRole" value={role} onChange={(e) => setRole(e.target.value as 'clinician' | 'admin')}>
              <option value="clinician">Clinician</option>
              <option value="admin">Administrator</option>
            </select>
          </label>
          <label className="field">
            First password <span className="hint">at least {PASSWORD_MIN_LENGTH} characters</span>
            <input name="newPassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          </label>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="row end">
          <button type="submit" disabled={busy || !username || !displayName || password.length < PASSWORD_MIN_LENGTH}>
            Create user
          </button>
        </div>
      </form>
      {acting && <UserAction {...acting} onClose={() => setActing(null)} onDone={users.reload} />}
    </div>
  );
}

function UserAction({ user, what, onClose, onDone }: { user: UserView; what: 'disable' | 'enable' | 'reset'; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = async () => {
    const ok = await run(async () => {
      if (what === 'reset') await api.call('users.resetPassword', { userId: user.id, newPassword: password, reason: reason || undefined });
      else await api.call(what === 'disable' ? 'users.disable' : 'users.enable', { userId: user.id, reason });
      return true;
    });
    if (ok) {
      onClose();
      onDone();
    }
  };
  const title = what === 'reset' ? `Reset the password of ${user.displayName}` : `${what === 'disable' ? 'Disable' : 'Enable'} ${user.displayName}`;
  return (
    <Modal title={title} onClose={onClose}>
      {what === 'reset' && (
        <label className="field">
          Temporary password <span className="hint">the user must change it at the next login</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
      )}
      <label className="field">
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" onClick={submit} disabled={busy || (what === 'reset' ? password.length < PASSWORD_MIN_LENGTH : !reason.trim())}>
          Confirm
        </button>
      </div>
    </Modal>
  );
}
