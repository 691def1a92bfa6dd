// Changing one's own password: the current one, and the new one typed twice. Forced after an
// administrator's reset (no way round it but choosing one).
import { useState } from 'react';
import { useAction, useApi } from '../api/hooks.js';
import { Field, Form, FormEnd, NewPassword, NO_PASSWORD, chosenPassword } from '../kit/index.js';
import { useT } from '../i18n/I18n.js';
import { Modal } from './Modal.js';

export function ChangePassword({ forced, onClose }: { forced: boolean; onClose: () => void }) {
  const api = useApi();
  const t = useT();
  const [currentPassword, setCurrent] = useState('');
  const [chosen, setChosen] = useState(NO_PASSWORD);
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (await run(() => api.call('auth.changePassword', { currentPassword, newPassword: chosenPassword(chosen, t) }))) onClose();
  };
  return (
    <Modal title={forced ? t('password.chooseTitle') : t('password.changeTitle')} onClose={forced ? undefined : onClose}>
      <Form className="stack" failure={failure} onSubmit={submit}>
        {forced && <p className="notice">{t('password.forced')}</p>}
        <Field label={t('password.current')} field="currentPassword">
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        </Field>
        <NewPassword kind="new" value={chosen} onChange={setChosen} names={['newPassword', 'confirm']} />
        <FormEnd submit={t('password.change')} disabled={busy} cancel={forced ? undefined : { label: t('common.cancel'), onClick: onClose }} />
      </Form>
    </Modal>
  );
}
