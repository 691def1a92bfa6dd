// Finding and choosing a patient, the same way on every screen that picks one: a search by name or
// clinic id, then the matches, each named by its two identifiers. As a `select` (the record filters:
// the chosen patient narrows the list) or as a `table` of matches with an action per row (home: open
// the patient).
import { useMemo, useState } from 'react';
import { useLoad } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { useIntl } from 'react-intl';
import { DataTable, buttonColumn, sortRows, textCollator, type Column } from './DataTable.js';
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

/**
 * The matches by name in the window's language's order (the station sorts them for its page only
 * roughly: SQLite's NOCASE knows ASCII), so İpek comes among the I's in Turkish, not after Z.
 */
const BY_NAME = { column: 'name', direction: 'ascending' } as const;
const nameColumn: Column<Match> = { id: 'name', header: '', cell: (p) => p.fullName ?? '-', sort: (p) => p.fullName ?? p.clinicId };

export function PatientPicker(props: SelectProps | TableProps) {
  const t = useT();
  const f = useFormat();
  const { locale } = useIntl();
  const collator = useMemo(() => textCollator(locale), [locale]);
  const [query, setQuery] = useState('');
  const q = query.trim();
  // The select searches once something is typed; the table lists the latest patients until then.
  const input = props.variant === 'select' ? (q ? { query: q, limit: SEARCH_LIMIT.select } : null) : { query: q || undefined, limit: SEARCH_LIMIT.table };
  const found = useLoad('patients.list', input);
  const search = (
    <Field label={props.variant === 'select' ? t('picker.search') : t('picker.find')} hint={t('picker.searchHint')}>
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
        <Field label={t('picker.patient')}>
          <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value ? Number(e.target.value) : null)} disabled={!found.data || !q}>
            <option value="">{q ? t('picker.anyChoose') : t('picker.anySearchFirst')}</option>
            {q &&
              found.data &&
              sortRows(found.data.items, [nameColumn], BY_NAME, collator).map((p) => (
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
    { ...nameColumn, header: t('picker.name') },
    { id: 'born', header: t('picker.born'), cell: (p) => f.date(p.birthDate), sort: (p) => p.birthDate },
    { id: 'clinic', header: t('picker.clinicId'), cell: (p) => p.clinicId ?? '-', sort: (p) => p.clinicId },
    {
      id: 'screening',
      header: t('picker.screening'),
      cell: (p) =>
        !p.screened ? <span className="pill warn">{t('picker.notScreened')}</span> : p.needsClinicianReview ? <span className="pill warn">{t('picker.review')}</span> : <span className="pill ok">{t('picker.screened')}</span>,
    },
    buttonColumn({ id: 'open', header: action.label, label: action.label, onClick: (p) => action.onPick(p.id) }),
  ];
  return (
    <>
      {search}
      {found.error && <p className="error">{found.error}</p>}
      <DataTable caption={t('picker.caption')} columns={columns} rows={found.data?.items} rowKey={(p) => p.id} empty={t('picker.none')} initialSort={BY_NAME} />
      {found.data && found.data.total > found.data.items.length && <p className="muted small">{t('picker.more', { shown: found.data.items.length, total: found.data.total })}</p>}
    </>
  );
}
