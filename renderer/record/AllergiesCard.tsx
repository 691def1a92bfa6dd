// A patient's allergies: added and removed one at a time, each with its reason, in any language.
// Each shows the standard allergen it was recognised as (what a serum is matched on), or says it was
// not recognised and is matched by its own spelling only.
import { useState } from 'react';
import { ALLERGENS, allergenCode, type AllergenCode } from '../../electron/contract/allergens.js';
import type { PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtDate } from '../format.js';
import { Field, Form, FormAlert, InlineReason } from '../kit/index.js';

const labelOf = (code: string) => (ALLERGENS as Record<string, { label: string }>)[code]?.label ?? null;

export function AllergiesCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [removing, setRemoving] = useState<number | null>(null);
  const { busy, failure, run } = useAction();
  const typed = name.trim() ? allergenCode(name) : null;

  const add = async () => {
    if (await run(() => api.call('patients.addAllergy', { patientId: p.id, name, reason }))) {
      setName('');
      setReason('');
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
        <InlineReason
          key={removing}
          label="Why is this allergy removed?"
          name="removeReason"
          action="Remove allergy"
          cancelLabel="Keep it"
          onConfirm={(reason) => api.call('patients.removeAllergy', { patientId: p.id, allergyId: removing, reason })}
          onClose={() => setRemoving(null)}
          onDone={onChanged}
        />
      )}
      {canEdit && (
        <Form className="row" failure={failure} onSubmit={add}>
          <Field label="New allergy" hint="any language" field="name">
            <input name="allergyName" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="Reason" hint="e.g. reaction at the last session" field="reason" style={{ flex: 1 }}>
            <input name="allergyReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <button type="submit" className="secondary" disabled={busy || !name.trim() || !reason.trim()} style={{ alignSelf: 'flex-end' }}>
            Add allergy
          </button>
          {typed && <p className="small muted" style={{ flexBasis: '100%' }}>{typed.recognised ? `Recognised as: ${labelOf(typed.code) ?? typed.code}` : 'Not in the allergen table: it will match this spelling only.'}</p>}
          <FormAlert />
        </Form>
      )}
    </section>
  );
}
