// The screening as explicit answers: each contraindication is answered yes or no, and nothing is
// answered until someone answers it. An unanswered question says so.
import { CONTRAINDICATIONS, type Contraindication } from '../../electron/contract/patients.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { CONTRAINDICATION_WORDS } from './words.js';

export type Answers = Partial<Record<Contraindication, boolean>>;

/** The questions not yet answered, in the form's order. */
export function unanswered(a: Answers): Contraindication[] {
  return CONTRAINDICATIONS.filter((c) => a[c] === undefined);
}

/** Why the screening cannot be recorded yet, naming the questions left; null when all are answered. */
export function unansweredRefusal(a: Answers, t: Translate): string | null {
  const open = unanswered(a);
  return open.length === 0 ? null : t('screening.unanswered', { questions: open.map((c) => t(CONTRAINDICATION_WORDS[c])).join(', ') });
}

export function ScreeningAnswers({ answers, onChange, note, onNote, idPrefix }: { answers: Answers; onChange: (a: Answers) => void; note: string; onNote: (n: string) => void; idPrefix: string }) {
  const t = useT();
  return (
    <div className="stack">
      {CONTRAINDICATIONS.map((c) => (
        <div key={c} className={`answer-row${answers[c] === undefined ? ' unanswered' : ''}`}>
          <fieldset>
            <legend className="answer-q">{t(CONTRAINDICATION_WORDS[c])}</legend>
            <label className="check">
              <input type="radio" name={`${idPrefix}-${c}`} checked={answers[c] === true} onChange={() => onChange({ ...answers, [c]: true })} />
              {t('common.yes')}
            </label>
            <label className="check">
              <input type="radio" name={`${idPrefix}-${c}`} checked={answers[c] === false} onChange={() => onChange({ ...answers, [c]: false })} />
              {t('common.no')}
            </label>
          </fieldset>
          <span className="muted small">{answers[c] === undefined ? t('screening.notAnswered') : answers[c] ? t('common.yes') : t('common.no')}</span>
        </div>
      ))}
      <label className="field">
        {t('screening.note')} {answers.other === true && <span className="hint">{t('screening.noteRequired')}</span>}
        <textarea name={`${idPrefix}-note`} value={note} onChange={(e) => onNote(e.target.value)} />
      </label>
    </div>
  );
}
