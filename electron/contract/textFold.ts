// The one folding of names for search and matching: what a person typing on any keyboard, with the
// screen in any language, means by "the same letters". Lower case, accents and marks removed, and
// every i (dotted, dotless, capital İ and I) the same letter, so "ipek", "IPEK" and "İPEK" all find
// "İpek Işık", and "munoz" finds "Muñoz".
//
// Locale-free on purpose: lower-casing "I" is "ı" in Turkish and "i" elsewhere, and a search must give
// the same answer whatever the station's language. Sorting, where each language has its own order
// (Spanish ñ after n), is Intl.Collator's job at the screen, not this.

/** Folds a name for comparison: see the module comment. Spaces are kept as typed. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[İIı]/g, 'i')
    .toLowerCase();
}
