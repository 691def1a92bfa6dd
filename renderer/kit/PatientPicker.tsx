// Finding and choosing a patient, the same way on every screen that picks one: a search by name or
// clinic id, then the matches, each named by its two identifiers. As a `select` (the record filters:
// the chosen patient narrows the list) or as a `table` of matches with an action per row (home: open
// the patient).
import { useState } from 'react';
import { useLoad } from '../api/hooks.js';
import { fmtDate } from '../format.js';
import { DataTable, type Column } from './DataTable.js';
import { Field } from './Field.js';

type Match = { id: number; fullName: string | null; clinicId: string | null; birthDate: string | null; screened: boolean; needsClinicianReview: boolean };

/** A patient as a list names them: the name (else the clinic id) and the birth date. */
export function patientLabel(p: Pick<Match, 'fullName' | 'clinicId' | 'birthDate'>): string {
  const who = p.fullName ?? p.clinicId ?? '—';
  return p.birthDate ? `${who} (${p.birthDate})` : who;
}

interface SelectProps {
  variant: 'select';
  /** The chosen patient's id; null: any patient. */
  value: number | null;
  onChange: (id: number | null) => void;
}

interface TableProps {
  variant: 'table';
  /** The button in each match's row ("Open") and what it does. */
  action: { label: string; onPick: (id: number) => void };
}

const SEARCH_LIMIT = { select: 20, table: 25 } as const;

export function PatientPicker(props: SelectProps | TableProps) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  // The select searches once something is typed; the table lists the latest patients until then.
  const input = props.variant === 'select' ? (q ? { query: q, limit: SEARCH_LIMIT.select } : null) : { query: q || undefined, limit: SEARCH_LIMIT.table };
  const found = useLoad('patients.list', input);
  const search = (
    <Field label={props.variant === 'select' ? 'Patient search' : 'Find a patient'} hint="name or clinic id">
      <input
        type="search"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          if (props.variant === 'select') props.onChange(null);
        }}
      />
    </Field>
  );

  if (props.variant === 'select')
    return (
      <>
        {search}
        <Field label="Patient">
          <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)} disabled={!found.data || !q}>
            <option value="">{q ? 'Any patient: choose one of the matches' : 'Any patient: search first'}</option>
            {q &&
              found.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {patientLabel(p)}
                </option>
              ))}
          </select>
        </Field>
      </>
    );

  const { action } = props;
  const columns: Column<Match>[] = [
    { id: 'name', header: 'Name', cell: (p) => p.fullName ?? '-', sort: (p) => p.fullName },
    { id: 'born', header: 'Born', cell: (p) => fmtDate(p.birthDate), sort: (p) => p.birthDate },
    { id: 'clinic', header: 'Clinic id', cell: (p) => p.clinicId ?? '-', sort: (p) => p.clinicId },
    {
      id: 'screening',
      header: 'Screening',
      cell: (p) => (!p.screened ? <span className="pill warn">not screened</span> : p.needsClinicianReview ? <span className="pill warn">review</span> : <span className="pill ok">screened</span>),
    },
    {
      id: 'open',
      header: action.label,
      headerHidden: true,
      cell: (p) => (
        <button type="button" className="secondary" onClick={() => action.onPick(p.id)}>
          {action.label}
        </button>
      ),
    },
  ];
  return (
    <>
      {search}
      {found.error && <p className="error">{found.error}</p>}
      <DataTable caption="Patients found" columns={columns} rows={found.data?.items} rowKey={(p) => p.id} empty="No patients found." />
      {found.data && found.data.total > found.data.items.length && (
        <p className="muted small">
          Showing {found.data.items.length} of {found.data.total}; refine the search.
        </p>
      )}
    </>
  );
}
