// The patient's sheet: after the session, a one-page PDF for the patient in their language (what was
// done, and the aftercare). The core writes it; the window prints or saves it.
import { z } from 'zod';
import { returning } from './define.js';
import { language, type Language } from './languages.js';

export interface PatientSheet {
  /** A name to save it under: the session and the language, never the patient's name. */
  fileName: string;
  language: Language;
  /** The PDF itself (about 30 to 60 kB). */
  pdfBase64: string;
}

export const patientSheetInput = z.strictObject({
  sessionId: z.number().int().positive(),
  /** Default: the patient's preferred language, else the station's. */
  language: language.optional(),
});

export const patientSheetContract = {
  /** Once mesotherapy is over (closing, review, signed or aborted); audited, since it prints a patient's record. */
  'patientSheet.make': returning<PatientSheet>()(patientSheetInput, ['clinician', 'admin']),
} as const;
