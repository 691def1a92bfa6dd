// A patient's allergies: added and removed one at a time, each with its reason, in any language.
// Each shows the standard allergen it was recognised as (what a serum is matched on), or says it was
// not recognised and is matched by its own spelling only.
import { useState, type FormEvent } from 'react';
import { ALLERGENS, allergenCode, type AllergenCode } from '../../electron/contract/allergens.js';
import type { PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtDate } from '../format.js';

const labelOf = (code: string) => (ALLERGENS as Record<string, { label: string }>)[code]?.label ?? null;

export function AllergiesCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [removing, setRemoving] = useState<number | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const { busy, error, run } = useAction();
  const typed = name.trim() ? allergenCode(name) : null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('patients.addAllergy', { patientId: p.id, name, reason }))) {
      setName('');
      setReason('');
      onChanged();
    }
  };
  const remove = async (e: FormEvent) => {
    e.preventDefault();
    if (removing === null) return;
    if (await run(() => api.call('patients.removeAllergy', { patientId: p.id, allergyId: removing, reason: removeReason }))) {
      setRemoving(null);
      setRemoveReason('');
      onChanged();
    }
  };

  return (
    <section className="card stack" aria-labelledby="pt-allergies">
      <h2 id="pt-allergies">Allergies</h2>
      {p.allergyDetails.length === 0 ? (
        <p className="muted">No allergy recorded.</p>
      ) : (
        <ul className="stack" aria-label="Recorded allergies">
          {p.allergyDetails.map((a) => (
            <li key={a.id} className="row between">
              <span>
                <strong>{a.name}</strong>{' '}
                {a.recognised ? <span className="pill ok">{labelOf(a.code as AllergenCode) ?? a.code}</span> : <span className="pill warn">not recognised: matched by spelling only</span>}
                <span className="muted small"> · {fmtDate(a.addedAt)}, {a.addedBy.name}: {a.reason}</span>
              </span>
              {canEdit && (
                <button type="button" className="secondary" onClick={() => setRemoving(a.id)} aria-label={`Remove allergy ${a.name}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing !== null && (
        <form className="row" onSubmit={remove}>
          <label className="field" style={{ flex: 1 }}>
            Why is this allergy removed?
            <input name="removeReason" value={removeReason} onChange={(e) => setRemoveReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || !removeReason.trim()} style={{ alignSelf: 'flex-end' }}>
            Remove allergy
          </button>
          <button type="button" className="secondary" onClick={() => setRemoving(null)} style={{ alignSelf: 'flex-end' }}>
            Keep it
          </button>
        </form>
      )}
      {canEdit && (
        <form className="row" onSubmit={add}>
          <label className="field">
            New allergy <span className="hint">any language</span>
            <input name="allergyName" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field" style={{ flex: 1 }}>
            Reason <span className="hint">e.g. reaction at the last session</span>
            <input name="allergyReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="secondary" disabled={busy || !name.trim() || !reason.trim()} style={{ alignSelf: 'flex-end' }}>
            Add allergy
          </button>
          {typed && <p className="small muted" style={{ flexBasis: '100%' }}>{typed.recognised ? `Recognised as: ${labelOf(typed.code) ?? typed.code}` : 'Not in the allergen table: it will match this spelling only.'}</p>}
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
