// A password chosen here, typed twice: the first administrator's, or a user's new one. The minimum
// length is said before the core refuses it; two texts that differ are refused at the second field.
import { PASSWORD_MIN_LENGTH } from '../../electron/contract/users.js';
import { FieldRefusal } from '../api/failure.js';
import { Field } from './Field.js';

export interface NewPasswordValue {
  password: string;
  repeat: string;
}

export const NO_PASSWORD: NewPasswordValue = { password: '', repeat: '' };

/** The repeat field's name, where a mismatch is shown (the window's own check, not the contract's). */
const REPEAT_FIELD = 'repeatPassword';

export function NewPassword({ label, value, onChange, names = ['password', 'confirm'] }: { label: 'Password' | 'New password'; value: NewPasswordValue; onChange: (v: NewPasswordValue) => void; names?: readonly [string, string] }) {
  return (
    <>
      <Field label={label} hint={`at least ${PASSWORD_MIN_LENGTH} characters`} field={label === 'Password' ? 'password' : 'newPassword'}>
        <input name={names[0]} type="password" autoComplete="new-password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} required minLength={PASSWORD_MIN_LENGTH} />
      </Field>
      <Field label={`Repeat ${label.toLowerCase()}`} field={REPEAT_FIELD}>
        <input name={names[1]} type="password" autoComplete="new-password" value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.target.value })} required />
      </Field>
    </>
  );
}

/** The password, or a refusal at the repeat field when the two differ (call inside useAction's run). */
export function chosenPassword(v: NewPasswordValue): string {
  if (v.password !== v.repeat) throw new FieldRefusal(REPEAT_FIELD, 'The two passwords differ.');
  return v.password;
}
