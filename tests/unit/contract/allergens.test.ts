// The allergen synonym table: English, Turkish and Spanish names, as a clinician types them, map to
// one code; matching is on codes, so case, accents and Turkish dotted and dotless i do not matter.
import { describe, expect, it } from 'vitest';
import { allergenCode, allergyCovers, foldAllergenName, matchAllergens } from '../../../electron/contract/allergens.js';

const SYNONYMS: [string, string][] = [
  ['lidocaine', 'lidocaine'],
  ['Lidocaine', 'lidocaine'],
  ['LIDOCAINE', 'lidocaine'],
  ['lignocaine', 'lidocaine'],
  ['lidokain', 'lidocaine'],
  ['Lidokain', 'lidocaine'],
  // Turkish capitals: İ (dotted) and I (dotless in Turkish), and lower-case ı (dotless).
  ['LİDOKAİN', 'lidocaine'],
  ['LIDOKAIN', 'lidocaine'],
  ['lıdokaın', 'lidocaine'],
  ['Lıdokain', 'lidocaine'],
  ['lidocaína', 'lidocaine'],
  ['Lidocaína', 'lidocaine'],
  ['LIDOCAÍNA', 'lidocaine'],
  ['xilocaína', 'lidocaine'],
  ['prokain', 'procaine'],
  ['procaína', 'procaine'],
  ['minoksidil', 'minoxidil'],
  ['MİNOKSİDİL', 'minoxidil'],
  ['finasterida', 'finasteride'],
  ['dutasterid', 'dutasteride'],
  ['biyotin', 'biotin'],
  ['lokal anestezik', 'local-anaesthetic'],
  ['Lokal  Anestezik', 'local-anaesthetic'],
  ['anestésico local', 'local-anaesthetic'],
  ['local anesthetic', 'local-anaesthetic'],
  ['local-anaesthetic', 'local-anaesthetic'],
  ['çinko', 'zinc'],
  ['níquel', 'nickel'],
  ['iyot', 'iodine'],
  ['povidona yodada', 'iodine'],
  ['lateks', 'latex'],
  ['ácido hialurónico', 'hyaluronic-acid'],
  ['hiyalüronik asit', 'hyaluronic-acid'],
];

describe('allergen synonyms', () => {
  for (const [typed, code] of SYNONYMS)
    it(`"${typed}" is ${code}`, () => {
      expect(allergenCode(typed)).toEqual({ code, recognised: true });
    });

  it('folds case, accents, every i and spacing the same whatever the locale', () => {
    expect(foldAllergenName('İpek Işık')).toBe('ipek-isik');
    expect(foldAllergenName('  Ácido_hialurónico ')).toBe('acido-hialuronico');
    expect(foldAllergenName('PEÑA')).toBe('pena');
  });

  it('keeps an unknown name as its folded spelling, marked not recognised (it still matches itself)', () => {
    expect(allergenCode('Arnika')).toEqual({ code: 'arnika', recognised: false });
    expect(allergenCode('ARNİKA')).toEqual({ code: 'arnika', recognised: false });
    expect(matchAllergens(['ARNİKA'], ['arnika'])).toEqual([{ patient: 'ARNİKA', serum: 'arnika', code: 'arnika' }]);
  });

  it('an allergy to a group covers its members, and a serum naming only the group is blocked for a member', () => {
    expect(allergyCovers('local-anaesthetic', 'lidocaine')).toBe(true);
    expect(allergyCovers('lidocaine', 'local-anaesthetic')).toBe(true);
    expect(allergyCovers('lidocaine', 'procaine')).toBe(false);
    expect(allergyCovers('minoxidil', 'local-anaesthetic')).toBe(false);
  });

  it('matches a Turkish patient allergy against an English serum tag, naming both', () => {
    expect(matchAllergens(['lidokain', 'penisilin'], ['Minoxidil', 'Lidocaine'])).toEqual([{ patient: 'lidokain', serum: 'Lidocaine', code: 'lidocaine' }]);
    expect(matchAllergens(['polen'], ['Minoxidil', 'Lidocaine'])).toEqual([]);
  });
});
