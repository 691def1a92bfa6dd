// The form pieces screens share, without a browser: zone targets read in the window's locale and
// refused naming the zone, a chosen password refused at its repeat when the two differ, credentials
// and choices that answer nothing for the user.
import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH } from '../../../electron/contract/users.js';
import { ZONES } from '../../../electron/contract/sessions.js';
import { FieldRefusal } from '../../../renderer/api/failure.js';
import { Credentials, NO_CREDENTIALS, complete } from '../../../renderer/kit/Credentials.js';
import { Radios, Select } from '../../../renderer/kit/Choice.js';
import { NO_PASSWORD, NewPassword, chosenPassword } from '../../../renderer/kit/NewPassword.js';
import { readQuantity, quantityText, type Quantity, type ReadOptions } from '../../../renderer/kit/quantities.js';
import { readTargets, targetTexts } from '../../../renderer/session/ZoneTargets.js';
import { render, translator } from './intl.js';
import { thrownBy } from '../../support/thrown.js';

const english = translator('en');

const inLocale = (locale: string) => ({
  read: (q: Quantity, text: string, opts: ReadOptions) => readQuantity(q, text, locale, opts, english),
  text: (q: Quantity, v: number) => quantityText(q, v, locale),
});

const refusal = (fn: () => unknown): FieldRefusal => thrownBy(fn, FieldRefusal);

describe('zone targets', () => {
  it('start from stored figures in the locale’s mark and read back to the same nL', () => {
    const tr = inLocale('tr');
    const texts = targetTexts((z) => (z === ZONES[0]! ? 400_500 : 0), tr.text);
    expect(texts[ZONES[0]!]).toBe('400,5');
    const nl = readTargets(texts, tr.read, (z) => z);
    expect(nl[ZONES[0]!]).toBe(400_500);
    expect(Object.values(nl).filter((v) => v === 0)).toHaveLength(ZONES.length - 1);
  });
  it('a target that is not a volume is refused, naming its zone’s field; nothing is dropped as zero', () => {
    const en = inLocale('en');
    const texts = targetTexts(() => 100_000, en.text);
    const zone = ZONES[2]!;
    const label = (z: string) => `3. ${z} (µL)`;
    const r = refusal(() => readTargets({ ...texts, [zone]: '40,5' }, en.read, label));
    expect(r.field).toBe(`zoneTargetsNl.${zone}`);
    expect(r.message).toBe(`3. ${zone} (µL): "40,5" is not a volume in µL. Type a number such as 20 or 20.5.`);
    expect(refusal(() => readTargets({ ...texts, [zone]: '' }, en.read, label)).field).toBe(`zoneTargetsNl.${zone}`);
  });
});

describe('a chosen password', () => {
  it('is the password when both texts agree; refused at the repeat field when they differ', () => {
    expect(chosenPassword({ password: 'correct horse 1', repeat: 'correct horse 1' }, english)).toBe('correct horse 1');
    const r = refusal(() => chosenPassword({ password: 'correct horse 1', repeat: 'correct horse 2' }, english));
    expect(r.field).toBe('repeatPassword');
    expect(r.message).toBe('The two passwords differ.');
  });
  it('says the minimum length before the core refuses it, and is never remembered as a login', () => {
    const html = render(<NewPassword kind="new" value={NO_PASSWORD} onChange={() => {}} />);
    expect(html).toContain(`at least ${PASSWORD_MIN_LENGTH} characters`);
    expect(html).toContain('Repeat new password');
    expect(html.match(/autoComplete="new-password"|autocomplete="new-password"/g)).toHaveLength(2);
  });
});

describe('credentials and choices', () => {
  it('credentials are complete only with a user name and a password', () => {
    expect(complete(NO_CREDENTIALS)).toBe(false);
    expect(complete({ username: '  ', password: 'x' })).toBe(false);
    expect(complete({ username: 'admin', password: '' })).toBe(false);
    expect(complete({ username: 'admin', password: 'x' })).toBe(true);
  });
  it('credentials stand in their own grid, or inline in the caller’s', () => {
    const own = render(<Credentials who="Administrator" value={NO_CREDENTIALS} onChange={() => {}} />);
    const inline = render(<Credentials who="Witness" inline value={NO_CREDENTIALS} onChange={() => {}} names={['witnessUsername', 'witnessPassword']} />);
    expect(own.startsWith('<div class="grid2">')).toBe(true);
    expect(inline.startsWith('<div class="field">')).toBe(true);
    expect(inline).toMatch(/<input type="password"[^>]*name="witnessPassword"/);
  });
  it('no radio is checked and the select offers its "none" first until the user chooses', () => {
    const radios = render(<Radios legend="How" name="m" value={null} onChoose={() => {}} options={[['a', 'A'], ['b', 'B']]} />);
    expect(radios).not.toContain('checked');
    const select = render(<Select value="" onChoose={() => {}} none="Choose…" options={[['a', 'A']]} />);
    expect(select.indexOf('Choose…')).toBeLessThan(select.indexOf('>A<'));
  });
});
