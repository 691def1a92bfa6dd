// A password chosen here, typed twice: the first administrator's, or a user's new one. The minimum
// length is said before the core refuses it; two texts that differ are refused at the second field.
import { PASSWORD_MIN_LENGTH } from '../../electron/contract/users.js';
import { FieldRefusal } from '../api/failure.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { Field } from './Field.js';

export interface NewPasswordValue {
  password: string;
  repeat: string;
}

export const NO_PASSWORD: NewPasswordValue = { password: '', repeat: '' };

/** The repeat field's name, where a mismatch is shown (the window's own check, not the contract's). */
const REPEAT_FIELD = 'repeatPassword';

/** `kind`: the first password of an account ('password'), or one that replaces another ('new'). */
export function NewPassword({ kind, value, onChange, names = ['password', 'confirm'] }: { kind: 'password' | 'new'; value: NewPasswordValue; onChange: (v: NewPasswordValue) => void; names?: readonly [string, string] }) {
  const t = useT();
  return (
    <>
      <Field label={t(kind === 'password' ? 'password.label' : 'password.new')} hint={t('password.minLength', { count: PASSWORD_MIN_LENGTH })} field={kind === 'password' ? 'password' : 'newPassword'}>
        <input name={names[0]} type="password" autoComplete="new-password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} required minLength={PASSWORD_MIN_LENGTH} />
      </Field>
      <Field label={t(kind === 'password' ? 'password.repeat' : 'password.repeatNew')} field={REPEAT_FIELD}>
        <input name={names[1]} type="password" autoComplete="new-password" value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.target.value })} required />
      </Field>
    </>
  );
}

/** The password, or a refusal at the repeat field when the two differ (call inside useAction's run). */
export function chosenPassword(v: NewPasswordValue, t: Translate): string {
  if (v.password !== v.repeat) throw new FieldRefusal(REPEAT_FIELD, t('password.differ'));
  return v.password;
}
