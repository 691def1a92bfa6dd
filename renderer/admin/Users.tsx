// Admin: users. Never deleted (records refer to them): disabled and enabled with a reason.
import { useState } from 'react';
import { PASSWORD_MIN_LENGTH, type Me, type UserView } from '../../electron/contract/users.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { Actions, DataTable, Field, Form, FormAlert, ReasonDialog, Select, type Column } from '../kit/index.js';

type Acting = { user: UserView; what: 'disable' | 'enable' | 'reset' };

function accountColumns(me: Me, act: (a: Acting) => void): Column<UserView>[] {
  return [
    { id: 'name', header: 'Name', cell: (u) => u.displayName, sort: (u) => u.displayName },
    { id: 'username', header: 'Username', cell: (u) => u.username, sort: (u) => u.username },
    { id: 'role', header: 'Role', cell: (u) => u.role, sort: (u) => u.role },
    {
      id: 'state',
      header: 'State',
      cell: (u) => (
        <>
          {u.disabled ? <span className="pill off">disabled</span> : u.lockedOutUntil ? <span className="pill warn">locked out</span> : <span className="pill ok">active</span>}
          {u.mustChangePassword && <span className="pill warn">must change password</span>}
        </>
      ),
    },
    { id: 'created', header: 'Created', cell: (u) => fmtDateTime(u.createdAt), sort: (u) => u.createdAt },
    {
      id: 'actions',
      header: 'Actions',
      headerHidden: true,
      cellProps: () => ({ className: 'row' }),
      cell: (u) => (
        <>
          <button type="button" className="secondary" onClick={() => act({ user: u, what: 'reset' })}>
            Reset password
          </button>
          {u.id !== me.userId && (
            <button type="button" className="secondary" onClick={() => act({ user: u, what: u.disabled ? 'enable' : 'disable' })}>
              {u.disabled ? 'Enable' : 'Disable'}
            </button>
          )}
        </>
      ),
    },
  ];
}

export function UsersScreen({ me }: { me: Me }) {
  const users = useLoad('users.list', { includeDisabled: true });
  const [acting, setActing] = useState<Acting | null>(null);
  return (
    <div className="stack">
      <h1>Users</h1>
      <section className="card" aria-labelledby="ul-title">
        <h2 id="ul-title">Accounts</h2>
        <DataTable caption="Accounts" columns={accountColumns(me, setActing)} rows={users.data} rowKey={(u) => u.id} empty="No accounts." />
      </section>
      <NewUser onCreated={users.reload} />
      {acting && <UserAction {...acting} onClose={() => setActing(null)} onDone={users.reload} />}
    </div>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'clinician' | 'admin'>('clinician');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const create = async () => {
    if (await run(() => api.call('users.create', { username, displayName, role, password }))) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated();
    }
  };
  return (
    <Form className="card stack" failure={failure} onSubmit={create} aria-labelledby="nu-title">
      <h2 id="nu-title">New user</h2>
      <div className="grid2">
        <Field label="Username" field="username">
          <input name="newUsername" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Full name" field="displayName">
          <input name="newDisplayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Role">
          <Select
            name="newRole"
            value={role}
            onChoose={(r) => r && setRole(r)}
            options={[
              ['clinician', 'Clinician'],
              ['admin', 'Administrator'],
            ]}
          />
        </Field>
        <Field label="First password" hint={`at least ${PASSWORD_MIN_LENGTH} characters`} field="password">
          <input name="newPassword" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
      </div>
      <FormAlert />
      <Actions>
        <button type="submit" disabled={busy || !username || !displayName || password.length < PASSWORD_MIN_LENGTH}>
          Create user
        </button>
      </Actions>
    </Form>
  );
}

function UserAction({ user, what, onClose, onDone }: Acting & { onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  if (what === 'reset')
    return (
      <ReasonDialog
        title={`Reset the password of ${user.displayName}`}
        optional
        ready={password.length >= PASSWORD_MIN_LENGTH}
        confirm={{ label: 'Confirm' }}
        onConfirm={(reason) => api.call('users.resetPassword', { userId: user.id, newPassword: password, reason: reason || undefined })}
        onClose={onClose}
        onDone={onDone}
      >
        <Field label="Temporary password" hint="the user must change it at the next login" field="newPassword">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
      </ReasonDialog>
    );
  return (
    <ReasonDialog
      title={what === 'disable' ? `Disable ${user.displayName}` : `Enable ${user.displayName}`}
      confirm={{ label: 'Confirm' }}
      onConfirm={(reason) => api.call(what === 'disable' ? 'users.disable' : 'users.enable', { userId: user.id, reason })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
