// Untrusted text (patient names, notes, reasons) as it is printed in a PDF. Nothing is dropped, but
// invisible characters that could change how the rest of a line reads (bidirectional overrides,
// zero-width joiners and spaces, controls) are shown as visible <U+XXXX> markers: a name with a
// right-to-left override cannot pose as a different name on paper. Very long text is cut with a note
// (the full value is in the CSV and JSON exports).

// Cc (controls) and Cf (format characters: bidi controls, zero-width, BOM, ...).
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export const DEFAULT_MAX_CHARS = 400;

/** The note after cut text, in the reader's language; English by default (the patient sheet cuts no text that matters). */
export type CutNote = (totalChars: number) => string;

const ENGLISH_CUT: CutNote = (n) => ` ... [cut: ${n} characters in all; the full text is in the CSV/JSON export]`;

export function printable(text: string | null | undefined, maxChars = DEFAULT_MAX_CHARS, cutNote: CutNote = ENGLISH_CUT): string {
  if (text === null || text === undefined) return '-';
  const chars = [...text];
  const cut = chars.length > maxChars;
  let shown = (cut ? chars.slice(0, maxChars).join('') : text).replace(INVISIBLE, (c) => {
    // Ordinary line breaks and tabs stay what they are; everything else invisible becomes a marker.
    if (c === '\n' || c === '\t') return c === '\t' ? ' ' : '\n';
    return `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
  if (cut) shown += cutNote(chars.length);
  return shown;
}
