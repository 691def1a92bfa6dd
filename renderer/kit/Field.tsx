// One labelled input: the label (the control's accessible name, kept short), a hint (its description),
// a required marker, and the error that names it, all wired by id. Wraps any one control (input,
// select, textarea, UnitInput): the control gets its id, aria-describedby, aria-invalid and
// aria-required from here.
import { cloneElement, createContext, useContext, useId, useLayoutEffect, useState, type ChangeEvent, type CSSProperties, type ReactElement } from 'react';
import type { Failure } from '../api/failure.js';
import { useT } from '../i18n/I18n.js';
import { useFailureScope } from './failureScope.js';

interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean;
  onChange?: (e: ChangeEvent<never>) => void;
}

export interface FieldProps {
  /** The label: a whole phrase, no sentence built around it. */
  label: string;
  hint?: string;
  /** An error this screen found itself (the dates are the wrong way round). */
  error?: string | null;
  /** The contract's name for this input ('filters.lotNumber'): a refusal naming it is shown here. */
  field?: string;
  required?: boolean;
  /** Spans two columns of a grid. */
  wide?: boolean;
  style?: CSSProperties;
  children: ReactElement<ControlProps>;
}

/** For a control that reads its own text (UnitInput): the field's label, and where to say it cannot. */
interface FieldSlot {
  label: string;
  report: (problem: string | null) => void;
}
const FieldContext = createContext<FieldSlot | null>(null);

export function useFieldSlot(): FieldSlot | null {
  return useContext(FieldContext);
}

export function Field({ label, hint, error, field, required, wide, style, children }: FieldProps) {
  const id = useId();
  const t = useT();
  const scope = useFailureScope();
  const [reported, report] = useState<string | null>(null);
  // Typing in the field puts its refusal away (the next attempt says again if it still stands).
  const [dismissed, setDismissed] = useState<Failure | null>(null);
  // The claim function is stable: the field claims its name once, not on every change of the scope.
  const claim = scope?.claim;
  useLayoutEffect(() => (field && claim ? claim(field) : undefined), [field, claim]);

  const failure = scope?.failure && field && scope.failure.field === field && scope.failure !== dismissed ? scope.failure.message : null;
  const shown = error || failure || reported;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shown ? `${id}-error` : undefined;
  const own = children.props;
  const control = cloneElement(children, {
    id,
    'aria-describedby': [own['aria-describedby'], hintId, errorId].filter(Boolean).join(' ') || undefined,
    'aria-invalid': shown ? true : own['aria-invalid'],
    'aria-required': required || undefined,
    onChange: (e: ChangeEvent<never>) => {
      if (scope?.failure) setDismissed(scope.failure);
      own.onChange?.(e);
    },
  });

  return (
    <div className={wide ? 'field wide' : 'field'} style={style}>
      <span className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="req" aria-hidden="true">
            {t('field.required')}
          </span>
        )}
        {hint && (
          <span className="hint" id={hintId}>
            {hint}
          </span>
        )}
      </span>
      <FieldContext.Provider value={{ label, report }}>{control}</FieldContext.Provider>
      {shown && (
        <span className="field-error" id={errorId} role="alert">
          {shown}
        </span>
      )}
    </div>
  );
}

export interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onText: (text: string) => void;
  /** The input's form name (e2e specs and autofill find some fields by it). */
  name?: string;
  type?: 'text' | 'password' | 'date';
  autoComplete?: string;
}

/** The commonest Field: a line of text (a reason, a name, a password) held by the caller. */
export function TextField({ value, onText, name, type, autoComplete, ...field }: TextFieldProps) {
  return (
    <Field {...field}>
      <input name={name} type={type} value={value} onChange={(e) => onText(e.target.value)} autoComplete={autoComplete} />
    </Field>
  );
}
