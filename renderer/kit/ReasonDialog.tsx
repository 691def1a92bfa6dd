// A dialog that does one thing with a reason: unpair a gun, disable a user, abort a session, skip a
// step. What it says, any fields it needs besides the reason, and the call are the caller's; the
// reason field, the refusal, Cancel and the action button are the same everywhere.
import { useState, type ReactNode } from 'react';
import { useAction } from '../api/hooks.js';
import { Modal } from '../components/Modal.js';
import { useT } from '../i18n/I18n.js';
import { Field } from './Field.js';
import { Actions, Form } from './Form.js';
import { FormAlert } from './failureScope.js';

export interface ReasonDialogProps {
  title: string;
  tone?: 'normal' | 'warn' | 'danger';
  /** What happens, said before the reason is asked. */
  children?: ReactNode;
  /** Fields after the reason (an approver's credentials). */
  extra?: ReactNode;
  reasonLabel?: string;
  reasonName?: string;
  /** A textarea for a reason that may run long. */
  long?: boolean;
  /** Characters the reason needs at the least (the core's own minimum, said before it refuses). */
  minLength?: number;
  /** The reason may be empty (an optional note). */
  optional?: boolean;
  /** Whatever else must be there before the action can run (the extra fields filled in). */
  ready?: boolean;
  confirm: { label: string; danger?: boolean };
  cancelLabel?: string;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
  /** After the action succeeded (the dialog is closed first, unless `staysOpen`). */
  onDone?: () => void;
  /** The caller takes the dialog away itself once the action is done (the screen it belongs to moves on). */
  staysOpen?: boolean;
}

export function ReasonDialog(p: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const t = useT();
  const enough = p.optional || reason.trim().length >= (p.minLength ?? 1);
  const submit = async () => {
    const ok = await run(async () => {
      await p.onConfirm(reason);
      return true;
    });
    if (ok) {
      if (!p.staysOpen) p.onClose();
      p.onDone?.();
    }
  };
  const input = { name: p.reasonName, value: reason, onChange: (e: { target: { value: string } }) => setReason(e.target.value) };
  return (
    <Modal title={p.title} tone={p.tone} onClose={p.onClose}>
      <Form className="stack" failure={failure} onSubmit={submit}>
        {p.children}
        <Field label={p.reasonLabel ?? t('reason.label')} hint={p.optional ? t('field.optional') : undefined} field="reason">
          {p.long ? <textarea {...input} /> : <input {...input} />}
        </Field>
        {p.extra}
        <FormAlert />
        <Actions cancel={{ label: p.cancelLabel ?? t('common.cancel'), onClick: p.onClose }}>
          <button type="submit" className={p.confirm.danger ? 'danger' : undefined} disabled={busy || !enough || p.ready === false}>
            {p.confirm.label}
          </button>
        </Actions>
      </Form>
    </Modal>
  );
}

export interface ReasonButtonProps extends Omit<ReasonDialogProps, 'onClose'> {
  /** What the button says (often the dialog's confirm label). */
  label: string;
  className: 'secondary' | 'danger';
  /** After the dialog closed, done or cancelled (forget a password typed into `extra`). */
  onClose?: () => void;
}

/** A button that asks for the reason in its dialog before it acts (withdraw a draft, retire a serum). */
export function ReasonButton({ label, className, onClose, ...dialog }: ReasonButtonProps) {
  const [asking, setAsking] = useState(false);
  const close = () => {
    setAsking(false);
    onClose?.();
  };
  return (
    <>
      <button type="button" className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && <ReasonDialog {...dialog} onClose={close} />}
    </>
  );
}
