// What a failed action leaves for the screen: the sentence to show, and the input it names when it
// names one (the core's ContractError.field, such as 'filters.lotNumber', or a field this window
// refused to read before calling). A Field that owns that name shows the sentence under its control.
import { StationCallError } from '../../electron/contract/api.js';

export interface Failure {
  message: string;
  /** The input the failure names, as the contract names it; null when it names none. */
  field: string | null;
}

/**
 * A value this window could not read, refused before any call: it names the field (by its contract
 * name, so the Field that owns it is marked) and says what was typed. Never a silent drop.
 */
export class FieldRefusal extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldRefusal';
  }
}

/** The failure to show; `words` says a call's refusal in the window's language (useReasonText().error). */
export function failureOf(e: unknown, words: (e: unknown) => string): Failure {
  if (e instanceof FieldRefusal) return { message: e.message, field: e.field };
  return { message: words(e), field: e instanceof StationCallError ? (e.field ?? null) : null };
}
