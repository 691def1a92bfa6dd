// One thing done with a reason, asked for in place (under the item it is about) rather than in a
// dialog: removing an allergy, recording a consent's withdrawal. The reason field, the refusal, the
// action and the way back are the same everywhere; the call is the caller's. useInlineReason holds
// which item of a list is being asked about, so a card lists its items and places the form once.
import { useState, type ReactNode } from 'react';
import { useAction } from '../api/hooks.js';
import { Field } from './Field.js';
import { Form } from './Form.js';
import { FormAlert } from './failureScope.js';

export interface InlineReasonProps {
  /** The question the reason answers ("Why is this allergy removed?"). */
  label: string;
  name: string;
  action: string;
  cancelLabel: string;
  onConfirm: (reason: string) => Promise<unknown>;
  /** Closes it, after the action or on the way back. */
  onClose: () => void;
  /** After the action succeeded (it is closed first). */
  onDone: () => void;
}

export type InlineReasonWords = Pick<InlineReasonProps, 'label' | 'name' | 'action' | 'cancelLabel'>;

/** `ask(id)` opens the form for that item (a second ask replaces the first); `form` is null until then. */
export function useInlineReason<Id extends string | number>(
  words: InlineReasonWords,
  onConfirm: (id: Id, reason: string) => Promise<unknown>,
  onDone: () => void,
): { ask: (id: Id) => void; form: ReactNode } {
  const [asking, setAsking] = useState<Id | null>(null);
  const form = asking === null ? null : <InlineReason key={asking} {...words} onConfirm={(reason) => onConfirm(asking, reason)} onClose={() => setAsking(null)} onDone={onDone} />;
  return { ask: setAsking, form };
}

export function InlineReason({ label, name, action, cancelLabel, onConfirm, onClose, onDone }: InlineReasonProps) {
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (await run(async () => (await onConfirm(reason), true))) {
      onClose();
      onDone();
    }
  };
  return (
    <Form className="row" failure={failure} onSubmit={submit}>
      <Field label={label} field="reason" style={{ flex: 1 }}>
        <input name={name} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy || !reason.trim()} style={{ alignSelf: 'flex-end' }}>
        {action}
      </button>
      <button type="button" className="secondary" onClick={onClose} style={{ alignSelf: 'flex-end' }}>
        {cancelLabel}
      </button>
      <FormAlert />
    </Form>
  );
}
