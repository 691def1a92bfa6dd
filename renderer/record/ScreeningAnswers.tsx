// The screening as explicit answers: each contraindication is answered yes or no, and nothing is
// answered until someone answers it. An unanswered question says so.
import { CONTRAINDICATIONS, CONTRAINDICATION_LABELS, type Contraindication } from '../../electron/contract/patients.js';

export type Answers = Partial<Record<Contraindication, boolean>>;

/** The questions not yet answered, in the form's order. */
export function unanswered(a: Answers): Contraindication[] {
  return CONTRAINDICATIONS.filter((c) => a[c] === undefined);
}

export function ScreeningAnswers({ answers, onChange, note, onNote, idPrefix }: { answers: Answers; onChange: (a: Answers) => void; note: string; onNote: (n: string) => void; idPrefix: string }) {
  return (
    <div className="stack">
      {CONTRAINDICATIONS.map((c) => (
        <div key={c} className={`answer-row${answers[c] === undefined ? ' unanswered' : ''}`}>
          <fieldset>
            <legend className="answer-q">{CONTRAINDICATION_LABELS[c]}</legend>
            <label className="check">
              <input type="radio" name={`${idPrefix}-${c}`} checked={answers[c] === true} onChange={() => onChange({ ...answers, [c]: true })} />
              Yes
            </label>
            <label className="check">
              <input type="radio" name={`${idPrefix}-${c}`} checked={answers[c] === false} onChange={() => onChange({ ...answers, [c]: false })} />
              No
            </label>
          </fieldset>
          <span className="muted small">{answers[c] === undefined ? 'Not answered' : answers[c] ? 'Yes' : 'No'}</span>
        </div>
      ))}
      <label className="field">
        Screening note {answers.other === true && <span className="hint">required: describe the other contraindication</span>}
        <textarea name={`${idPrefix}-note`} value={note} onChange={(e) => onNote(e.target.value)} />
      </label>
    </div>
  );
}
