// Changing one's own password: the current one, and the new one typed twice. Forced after an
// administrator's reset (no way round it but choosing one).
import { useState } from 'react';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Field, Form, FormAlert, NO_PASSWORD, NewPassword, chosenPassword } from '../kit/index.js';
import { Modal } from './Modal.js';

export function ChangePassword({ forced, onClose }: { forced: boolean; onClose: () => void }) {
  const api = useApi();
  const [currentPassword, setCurrent] = useState('');
  const [chosen, setChosen] = useState(NO_PASSWORD);
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (await run(() => api.call('auth.changePassword', { currentPassword, newPassword: chosenPassword(chosen) }))) onClose();
  };
  return (
    <Modal title={forced ? 'Choose a new password' : 'Change password'} onClose={forced ? undefined : onClose}>
      <Form className="stack" failure={failure} onSubmit={submit}>
        {forced && <p className="notice">An administrator reset your password. Choose your own before you continue.</p>}
        <Field label="Current password" field="currentPassword">
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        </Field>
        <NewPassword label="New password" value={chosen} onChange={setChosen} names={['newPassword', 'confirm']} />
        <FormAlert />
        <Actions cancel={forced ? undefined : { label: 'Cancel', onClick: onClose }}>
          <button type="submit" disabled={busy}>
            Change password
          </button>
        </Actions>
      </Form>
    </Modal>
  );
}
