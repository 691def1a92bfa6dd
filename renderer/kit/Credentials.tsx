// A second person's user name and password, typed on this screen: an administrator approving an
// exception, a supervisor co-signing, a witness. Never remembered by the browser.
import { useT } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';
import { Field } from './Field.js';

export interface CredentialsValue {
  username: string;
  password: string;
}

export interface CredentialsProps {
  who: 'Administrator' | 'Reviewer' | 'Witness';
  value: CredentialsValue;
  onChange: (v: CredentialsValue) => void;
  /** The inputs' names (the tests and password managers see them); default approverUsername / approverPassword. */
  names?: readonly [string, string];
  /** The contract's name of the user name ('early.admin.username'): a refusal naming it is shown there. */
  field?: string;
  /** Said under the user name ("another member of staff"). */
  userHint?: string;
  /** The two fields alone, in the caller's grid. */
  inline?: boolean;
}

const LABELS: Record<CredentialsProps['who'], readonly [UiMessageId, UiMessageId]> = {
  Administrator: ['credentials.adminUsername', 'credentials.adminPassword'],
  Reviewer: ['credentials.reviewerUsername', 'credentials.reviewerPassword'],
  Witness: ['credentials.witnessUsername', 'credentials.witnessPassword'],
};

export function Credentials({ who, value, onChange, names = ['approverUsername', 'approverPassword'], field, userHint, inline }: CredentialsProps) {
  const t = useT();
  const [userLabel, passLabel] = LABELS[who];
  const fields = (
    <>
      <Field label={t(userLabel)} field={field} hint={userHint}>
        <input name={names[0]} value={value.username} onChange={(e) => onChange({ ...value, username: e.target.value })} autoComplete="off" />
      </Field>
      <Field label={t(passLabel)}>
        <input name={names[1]} type="password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} autoComplete="off" />
      </Field>
    </>
  );
  return inline ? fields : <div className="grid2">{fields}</div>;
}

export const NO_CREDENTIALS: CredentialsValue = { username: '', password: '' };

export function complete(c: CredentialsValue): boolean {
  return c.username.trim() !== '' && c.password !== '';
}
