// A form that runs one action: submitting never reloads the page, and the action's failure is shown
// on the Field it names, else in the form's alert (FormAlert, placed where the form wants it).
// Actions: the row of buttons that ends a form or a dialog, Cancel first.
import type { FormHTMLAttributes, ReactNode } from 'react';
import type { Failure } from '../api/failure.js';
import { FailureScope, FormAlert } from './failureScope.js';

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  /** The action's failure (useAction().failure). */
  failure: Failure | null;
  onSubmit: () => unknown;
}

export function Form({ failure, onSubmit, children, ...form }: FormProps) {
  return (
    <form
      {...form}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <FailureScope failure={failure}>{children}</FailureScope>
    </form>
  );
}

export interface ActionsProps {
  /** The way back without doing anything ("Cancel", "Keep the session"). */
  cancel?: { label: string; onClick: () => void };
  /** Cancel on the left, the action on the right (a dialog answered either way). */
  spread?: boolean;
  children?: ReactNode;
}

export function Actions({ cancel, spread, children }: ActionsProps) {
  return (
    <div className={spread ? 'row between' : 'row end'}>
      {cancel && (
        <button type="button" className="secondary" onClick={cancel.onClick}>
          {cancel.label}
        </button>
      )}
      {children}
    </div>
  );
}

export interface FormEndProps {
  /** What the submit button says. */
  submit: string;
  /** The button waits (busy) or the form is not complete yet. */
  disabled: boolean;
  cancel?: ActionsProps['cancel'];
  spread?: boolean;
  /** What the last submit did, said until the next ("Saved"). */
  done?: string | false | null;
}

/** The end of a one-action form: the refusal no field shows, what was done, then Cancel and submit. */
export function FormEnd({ submit, disabled, cancel, spread, done }: FormEndProps) {
  return (
    <>
      <FormAlert />
      {done && (
        <p className="okbox" role="status">
          {done}
        </p>
      )}
      <Actions cancel={cancel} spread={spread}>
        <button type="submit" disabled={disabled}>
          {submit}
        </button>
      </Actions>
    </>
  );
}
