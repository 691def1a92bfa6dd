// Which screening answers are contraindications. Any of them flags the patient for clinician review;
// none of them blocks by itself (the clinician decides, and the decision is theirs to record).
import { CONTRAINDICATIONS, type Contraindication } from '../../contract/patients.js';

export type ScreeningAnswers = Record<Contraindication, boolean>;

export function contraindicationsOf(s: ScreeningAnswers): Contraindication[] {
  return CONTRAINDICATIONS.filter((k) => s[k]);
}
