// Admin: users. Never deleted (records refer to them): disabled and enabled with a reason.
import { useState } from 'react';
import { PASSWORD_MIN_LENGTH, type Me, type UserView } from '../../electron/contract/users.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, Field, Form, FormEnd, ReasonDialog, Screen, Select, TextField, type Column } from '../kit/index.js';

type Acting = { user: UserView; what: 'disable' | 'enable' | 'reset' };

function accountColumns(t: Translate, f: Format, me: Me, act: (a: Acting) => void): Column<UserView>[] {
  const role = (u: UserView) => t('admin.users.roleWord', { role: u.role });
  return [
    { id: 'name', header: t('admin.name'), cell: (u) => u.displayName, sort: (u) => u.displayName },
    { id: 'username', header: t('admin.users.username'), cell: (u) => u.username, sort: (u) => u.username },
    { id: 'role', header: t('admin.users.role'), cell: role, sort: role },
    {
      id: 'state',
      header: t('admin.users.state'),
      cell: (u) => (
        <>
          {u.disabled ? (
            <span className="pill off">{t('admin.users.disabled')}</span>
          ) : u.lockedOutUntil ? (
            <span className="pill warn">{t('admin.users.lockedOut')}</span>
          ) : (
            <span className="pill ok">{t('admin.users.active')}</span>
          )}
          {u.mustChangePassword && <span className="pill warn">{t('admin.users.mustChange')}</span>}
        </>
      ),
    },
    { id: 'created', header: t('admin.users.created'), cell: (u) => f.dateTime(u.createdAt), sort: (u) => u.createdAt },
    {
      id: 'actions',
      header: t('admin.actions'),
      headerHidden: true,
      cellProps: () => ({ className: 'row' }),
      cell: (u) => (
        <>
          <button type="button" className="secondary" onClick={() => act({ user: u, what: 'reset' })}>
            {t('admin.users.resetPassword')}
          </button>
          {u.id !== me.userId && (
            <button type="button" className="secondary" onClick={() => act({ user: u, what: u.disabled ? 'enable' : 'disable' })}>
              {u.disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </button>
          )}
        </>
      ),
    },
  ];
}

export function UsersScreen({ me }: { me: Me }) {
  const t = useT();
  const f = useFormat();
  const users = useLoad('users.list', { includeDisabled: true });
  const [acting, setActing] = useState<Acting | null>(null);
  return (
    <Screen title={t('route.users')}>
      <Card title={t('admin.users.accounts')} titleId="ul-title" flat>
        <DataTable caption={t('admin.users.accounts')} columns={accountColumns(t, f, me, setActing)} rows={users.data} rowKey={(u) => u.id} empty={t('admin.users.none')} />
      </Card>
      <NewUser onCreated={users.reload} />
      {acting && <UserAction {...acting} onClose={() => setActing(null)} onDone={users.reload} />}
    </Screen>
  );
}

const NO_USER = { username: '', displayName: '', role: 'clinician' as 'clinician' | 'admin', password: '' };

function NewUser({ onCreated }: { onCreated: () => void }) {
  const api = useApi();
  const t = useT();
  const [user, setUser] = useState(NO_USER);
  const { username, displayName, role, password } = user;
  const set = <K extends keyof typeof NO_USER>(k: K, v: (typeof NO_USER)[K]) => setUser((x) => ({ ...x, [k]: v }));
  const { busy, failure, run } = useAction();
  const create = async () => {
    if (await run(() => api.call('users.create', user))) {
      // The role stays as chosen: accounts are often made several of a kind.
      setUser({ ...NO_USER, role });
      onCreated();
    }
  };
  return (
    <Form className="card stack" failure={failure} onSubmit={create} aria-labelledby="nu-title">
      <h2 id="nu-title">{t('admin.users.newTitle')}</h2>
      <div className="grid2">
        <TextField label={t('admin.users.username')} field="username" name="newUsername" value={username} onText={(v) => set('username', v)} autoComplete="off" />
        <TextField label={t('admin.users.fullName')} field="displayName" name="newDisplayName" value={displayName} onText={(v) => set('displayName', v)} autoComplete="off" />
        <Field label={t('admin.users.role')}>
          <Select
            name="newRole"
            value={role}
            onChoose={(r) => r && set('role', r)}
            options={[
              ['clinician', t('admin.users.clinician')],
              ['admin', t('admin.users.administrator')],
            ]}
          />
        </Field>
        <TextField
          label={t('admin.users.firstPassword')}
          hint={t('admin.users.atLeast', { count: PASSWORD_MIN_LENGTH })}
          field="password"
          name="newPassword"
          type="password"
          value={password}
          onText={(v) => set('password', v)}
          autoComplete="new-password"
        />
      </div>
      <FormEnd submit={t('admin.users.create')} disabled={busy || !username || !displayName || password.length < PASSWORD_MIN_LENGTH} />
    </Form>
  );
}

function UserAction({ user, what, onClose, onDone }: Acting & { onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const [password, setPassword] = useState('');
  const words = { reasonLabel: t('admin.reason'), cancelLabel: t('admin.cancel'), confirm: { label: t('admin.confirm') } };
  if (what === 'reset')
    return (
      <ReasonDialog
        title={t('admin.users.resetTitle', { name: user.displayName })}
        optional
        ready={password.length >= PASSWORD_MIN_LENGTH}
        {...words}
        onConfirm={(reason) => api.call('users.resetPassword', { userId: user.id, newPassword: password, reason: reason || undefined })}
        onClose={onClose}
        onDone={onDone}
      >
        <TextField label={t('admin.users.temporaryPassword')} hint={t('admin.users.temporaryHint')} field="newPassword" type="password" value={password} onText={setPassword} autoComplete="new-password" />
      </ReasonDialog>
    );
  return (
    <ReasonDialog
      title={what === 'disable' ? t('admin.users.disableTitle', { name: user.displayName }) : t('admin.users.enableTitle', { name: user.displayName })}
      {...words}
      onConfirm={(reason) => api.call(what === 'disable' ? 'users.disable' : 'users.enable', { userId: user.id, reason })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
