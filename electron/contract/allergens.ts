// Allergens as standard codes. A clinician types an allergy in the patient's words and script
// ("lidokain", "Lidocaína", "LİDOKAİN"); a serum lists its allergens the same way. Both are matched
// through one synonym table to a code ('lidocaine'), so a Turkish or Spanish spelling blocks the
// serum an English tag names. A name the table does not know keeps its own folded spelling as its
// code: it still matches the same word elsewhere, and the screen says it was not recognised.
// Shared by the core (matching) and the renderer (showing what a typed name was recognised as).
import { foldForSearch } from './textFold.js';

/**
 * Standard allergen codes, each with the group it belongs to (an allergy to a group covers its
 * members; null: no group). Their names in each language are the renderer's (renderer/record/words.ts).
 */
export const ALLERGENS = {
  'local-anaesthetic': null,
  lidocaine: 'local-anaesthetic',
  procaine: 'local-anaesthetic',
  mepivacaine: 'local-anaesthetic',
  articaine: 'local-anaesthetic',
  prilocaine: 'local-anaesthetic',
  benzocaine: 'local-anaesthetic',
  minoxidil: null,
  finasteride: null,
  dutasteride: null,
  buflomedil: null,
  biotin: null,
  'hyaluronic-acid': null,
  caffeine: null,
  panthenol: null,
  'organic-silicium': null,
  zinc: null,
  latex: null,
  nickel: null,
  chlorhexidine: null,
  iodine: null,
  parabens: null,
  sulfites: null,
  alcohol: null,
} as const satisfies Record<string, string | null>;

export type AllergenCode = keyof typeof ALLERGENS;

/**
 * Names in English, Turkish and Spanish (and common variants), written as a clinician would type
 * them. Each is folded (foldAllergenName) before lookup, so case, accents, dotted and dotless i and
 * spacing do not matter here.
 */
const SYNONYMS: Record<AllergenCode, readonly string[]> = {
  'local-anaesthetic': [
    'local anaesthetic',
    'local anesthetic',
    'local anaesthetics',
    'local anesthetics',
    'lokal anestezik',
    'lokal anestezikler',
    'lokal anestetik',
    'anestesico local',
    'anestesicos locales',
    'anestesia local',
  ],
  lidocaine: ['lidocaine', 'lignocaine', 'xylocaine', 'lidokain', 'ksilokain', 'lidocaina', 'xilocaina'],
  procaine: ['procaine', 'novocaine', 'prokain', 'procaina', 'novocaina'],
  mepivacaine: ['mepivacaine', 'mepivakain', 'mepivacaina'],
  articaine: ['articaine', 'artikain', 'articaina'],
  prilocaine: ['prilocaine', 'prilokain', 'prilocaina'],
  benzocaine: ['benzocaine', 'benzokain', 'benzocaina'],
  minoxidil: ['minoxidil', 'minoksidil'],
  finasteride: ['finasteride', 'finasterid', 'finasterida'],
  dutasteride: ['dutasteride', 'dutasterid', 'dutasterida'],
  buflomedil: ['buflomedil'],
  biotin: ['biotin', 'biyotin', 'biotina', 'vitamin b7', 'vitamina b7', 'vitamin h'],
  'hyaluronic-acid': ['hyaluronic acid', 'hyaluronan', 'hyaluronik asit', 'hiyaluronik asit', 'acido hialuronico'],
  caffeine: ['caffeine', 'kafein', 'cafeina'],
  panthenol: ['panthenol', 'dexpanthenol', 'pantenol', 'dekspantenol', 'dexpantenol'],
  'organic-silicium': ['organic silicium', 'organic silicon', 'silicium', 'organik silisyum', 'silisyum', 'silicio organico', 'silicio'],
  zinc: ['zinc', 'cinko', 'zinc sulfate'],
  latex: ['latex', 'lateks', 'natural rubber latex'],
  nickel: ['nickel', 'nikel', 'niquel'],
  chlorhexidine: ['chlorhexidine', 'klorheksidin', 'clorhexidina'],
  iodine: ['iodine', 'povidone iodine', 'povidone-iodine', 'betadine', 'iyot', 'iyod', 'povidon iyot', 'yodo', 'povidona yodada'],
  parabens: ['parabens', 'paraben', 'parabenler', 'parabenos', 'parabeno'],
  sulfites: ['sulfites', 'sulphites', 'sulfite', 'sulfitler', 'sulfitos'],
  alcohol: ['alcohol', 'ethanol', 'alkol', 'etanol'],
};

/**
 * The form names are compared in: lower case, accents and marks removed, every i (dotted, dotless,
 * capital İ and I) the same letter, and runs of spaces, hyphens and underscores one hyphen. Turkish
 * "LİDOKAİN", "lıdokaın" and "Lidokain" all fold to "lidokain"; Spanish "Lidocaína" to "lidocaina".
 * Locale-free on purpose: lower-casing "I" is "ı" in Turkish and "i" elsewhere, and the station
 * must give the same answer whatever the keyboard or the screen's language.
 */
export function foldAllergenName(name: string): string {
  return foldForSearch(name)
    .replace(/[\s_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const BY_NAME: ReadonlyMap<string, AllergenCode> = new Map(
  (Object.entries(SYNONYMS) as [AllergenCode, readonly string[]][]).flatMap(([code, names]) => [code, ...names].map((n) => [foldAllergenName(n), code] as const)),
);

export interface RecognisedAllergen {
  /** The standard code; for a name the table does not know, its folded spelling. */
  code: string;
  /** True when the synonym table knows the name. */
  recognised: boolean;
}

/** The standard code of a name as typed in any script. */
export function allergenCode(name: string): RecognisedAllergen {
  const folded = foldAllergenName(name);
  const code = BY_NAME.get(folded);
  return code ? { code, recognised: true } : { code: folded, recognised: false };
}

function groupOf(code: string): string | null {
  return (ALLERGENS as Record<string, string | null>)[code] ?? null;
}

/**
 * Does an allergy to `patientCode` rule out an ingredient coded `serumCode`? Yes when they are the
 * same, when the allergy is to the ingredient's group (any local anaesthetic), or when the serum
 * names only the group and the allergy is to one of its members (the member cannot be ruled out).
 */
export function allergyCovers(patientCode: string, serumCode: string): boolean {
  return patientCode === serumCode || groupOf(serumCode) === patientCode || groupOf(patientCode) === serumCode;
}

/** Every pair (patient allergy name, serum allergen name) that matches by code. */
export function matchAllergens(patientNames: readonly string[], serumNames: readonly string[]): { patient: string; serum: string; code: string }[] {
  const out: { patient: string; serum: string; code: string }[] = [];
  for (const p of patientNames) {
    const pc = allergenCode(p).code;
    for (const s of serumNames) {
      const sc = allergenCode(s).code;
      if (allergyCovers(pc, sc)) out.push({ patient: p, serum: s, code: sc });
    }
  }
  return out;
}

/** An allergen name as typed: letters and digits of any script, with spaces and a little punctuation. */
export const ALLERGEN_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} .'()/+-]*$/u;
