// Filter fields shared by the admin screens that choose sessions (the session browser and exports),
// so both offer the same clinicians and guns in the same words.
import { useLoad } from '../api/hooks.js';

interface SelectProps {
  value: string;
  onChange: (value: string) => void;
}

export function ClinicianSelect({ value, onChange }: SelectProps) {
  const users = useLoad('users.list', { includeDisabled: true });
  return (
    <label className="field">
      Clinician
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Anyone</option>
        {users.data?.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} ({u.username})
          </option>
        ))}
      </select>
    </label>
  );
}

export function GunSelect({ value, onChange }: SelectProps) {
  const guns = useLoad('gun.paired', {});
  return (
    <label className="field">
      Gun
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any gun</option>
        {guns.data?.map((g) => (
          <option key={g.serial} value={g.serial}>
            {g.serial}
            {g.model ? ` (${g.model})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
