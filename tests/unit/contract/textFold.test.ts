// The one folding for search (contract/textFold.ts): Turkish dotted and dotless i, Spanish accents
// and ñ, whatever the process's own locale.
import { describe, expect, it } from 'vitest';
import { foldAllergenName } from '../../../electron/contract/allergens.js';
import { foldForSearch } from '../../../electron/contract/textFold.js';

describe('foldForSearch', () => {
  it.each([
    ['İpek Işık', 'ipek isik'],
    ['IŞIK', 'isik'],
    ['ıı İİ Iİ', 'ii ii ii'],
    ['Muñoz Ibáñez', 'munoz ibanez'],
    ['ÇAĞRI Gül Öztürk', 'cagri gul ozturk'],
    ['Müller', 'muller'],
  ])('%s folds to %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('gives the same answer as a Turkish lower-casing would be expected to, not the default one', () => {
    // Default lower-casing of "İ" leaves "i̇" (i and a combining dot): a search for "ipek" would miss it.
    expect('İpek'.toLowerCase()).not.toBe('ipek');
    expect(foldForSearch('İpek')).toBe('ipek');
    expect(foldForSearch('IRMAK')).toBe(foldForSearch('ırmak'));
  });

  it('is the base of the allergen folding, which also joins words with hyphens', () => {
    expect(foldAllergenName('  LİDOKAİN  hcl ')).toBe('lidokain-hcl');
    expect(foldAllergenName('Lidocaína')).toBe(foldForSearch('Lidocaína'));
  });
});
