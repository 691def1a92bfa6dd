// The units table: every volume and depth the station shows goes through these functions, so their
// edges are pinned here (rounding next to a limit, zero, large totals, locales, typed input).
import { describe, expect, it } from 'vitest';
import {
  decimalMark,
  depthFieldText,
  formatDepth,
  formatDepthFigure,
  formatVolume,
  formatVolumeFigure,
  minutesFieldText,
  parseDepthMm,
  parseMinutes,
  parseVolumeUl,
  parseWholeNumber,
  requireWhole,
  rewordVolumes,
  volumeFieldText,
} from '../../../electron/contract/units.js';

/** The no-break space between a figure and its unit, written out so the table reads plainly. */
const sp = (s: string) => s.replaceAll(' µL', '\u00a0µL').replaceAll(' mm', '\u00a0mm');

describe('formatVolume: nL to µL, one decimal', () => {
  it.each([
    // [nL, shown]
    [0, '0.0 µL'],
    [1, '0.0 µL'],
    [49, '0.0 µL'],
    [50, '0.1 µL'],
    [100, '0.1 µL'],
    [20_000, '20.0 µL'],
    [19_873, '19.9 µL'],
    [98_593, '98.6 µL'],
    [99_949, '99.9 µL'],
    [99_950, '100.0 µL'],
    [100_878, '100.9 µL'],
    // The edge the issue measured: a total just under a 1,500 µL limit never reads as the limit.
    [1_499_600, '1,499.6 µL'],
    [1_500_000, '1,500.0 µL'],
    [1_499_949, '1,499.9 µL'],
    [1_500_049, '1,500.0 µL'],
    [1_500_050, '1,500.1 µL'],
    // Large totals: a full 10 mL syringe, a year of sessions in a report, the largest safe integer.
    [10_000_000, '10,000.0 µL'],
    [123_456_789, '123,456.8 µL'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,741.0 µL'],
    // Signs are kept (a difference can be negative); rounding is symmetric.
    [-1_499_600, '-1,499.6 µL'],
    [-50, '-0.1 µL'],
  ])('%d nL -> %s', (nl, shown) => {
    expect(formatVolume(nl)).toBe(sp(shown));
  });

  it('never writes "uL" and never drops the decimal', () => {
    for (const nl of [0, 7, 100_000, 1_000_000, 1_499_600, 9_999_999]) {
      const s = formatVolume(nl);
      expect(s).not.toMatch(/uL/);
      expect(s).toMatch(/\d\.\d\u00a0µL$/);
    }
  });

  it('shows every nL when asked for the exact figure (a refusal of a typed value)', () => {
    expect(formatVolume(80_001, { exact: true })).toBe(sp('80.001 µL'));
    expect(formatVolume(80_000, { exact: true })).toBe(sp('80.0 µL'));
    expect(formatVolume(1_499_960, { exact: true })).toBe(sp('1,499.96 µL'));
    expect(formatVolume(1_499_960)).toBe(sp('1,500.0 µL'));
  });

  it.each([
    ['en', 1_499_600, '1,499.6'],
    ['tr', 1_499_600, '1.499,6'],
    ['es', 21_499_600, '21.499,6'],
    // Spanish groups from five digits on.
    ['es', 1_499_600, '1499,6'],
    ['de', 0, '0,0'],
  ])('in %s, %d nL reads %s', (locale, nl, figure) => {
    expect(formatVolumeFigure(nl, { locale })).toBe(figure);
  });

  it('refuses what is not a number instead of printing NaN', () => {
    expect(() => formatVolume(Number.NaN)).toThrow(RangeError);
    expect(() => formatVolume(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatDepth: um to mm', () => {
  it.each([
    [0, '0.0 mm'],
    [500, '0.5 mm'],
    [2_000, '2.0 mm'],
    [1_250, '1.25 mm'],
    [1_234, '1.234 mm'],
    [6_000, '6.0 mm'],
    [10_000, '10.0 mm'],
  ])('%d um -> %s', (um, shown) => {
    expect(formatDepth(um)).toBe(sp(shown));
  });

  it('follows the locale', () => {
    expect(formatDepthFigure(1_250, { locale: 'tr' })).toBe('1,25');
  });
});

describe('typed values: µL and mm to whole nL and um, exactly', () => {
  it.each([
    ['20', 20_000],
    ['20.5', 20_500],
    ['0.005', 5],
    ['.5', 500],
    ['1499.6', 1_499_600],
    [' 12 ', 12_000],
    ['0', 0],
  ])('"%s" µL -> %d nL', (text, nl) => {
    expect(parseVolumeUl(text)).toBe(nl);
  });

  it.each(['', ' ', 'abc', '-1', '1e3', '12.3456', '1,500', '1.2.3', '0x10', '20 µL', 'NaN'])('"%s" is refused, never guessed', (text) => {
    expect(parseVolumeUl(text)).toBeNull();
  });

  it('takes the locale decimal mark, and refuses the other one', () => {
    expect(parseVolumeUl('1,5', { locale: 'tr' })).toBe(1_500);
    expect(parseVolumeUl('1.500', { locale: 'tr' })).toBeNull();
    expect(parseDepthMm('2,25', { locale: 'es' })).toBe(2_250);
  });

  it('round-trips the field text of every stored value', () => {
    for (const nl of [0, 5, 20_000, 1_499_600, 10_000_000]) expect(parseVolumeUl(volumeFieldText(nl))).toBe(nl);
    for (const um of [500, 1_250, 2_000]) expect(parseDepthMm(depthFieldText(um))).toBe(um);
  });

  it('writes field text in the locale it reads back', () => {
    expect(volumeFieldText(1_499_600, { locale: 'tr' })).toBe('1499,6');
    expect(depthFieldText(1_250, { locale: 'es' })).toBe('1,25');
    expect(minutesFieldText(0.5, { locale: 'tr' })).toBe('0,5');
    for (const locale of ['en', 'tr', 'es', 'de']) {
      for (const nl of [0, 5, 20_000, 1_499_600]) expect(parseVolumeUl(volumeFieldText(nl, { locale }), { locale })).toBe(nl);
      for (const um of [500, 1_250]) expect(parseDepthMm(depthFieldText(um, { locale }), { locale })).toBe(um);
      for (const min of [0.5, 5, 12.25]) expect(parseMinutes(minutesFieldText(min, { locale }), { locale })).toBe(min);
    }
    expect(decimalMark('en')).toBe('.');
    expect(decimalMark('tr')).toBe(',');
  });

  it('reads minutes to the thousandth, and whole numbers with no mark at all', () => {
    expect(parseMinutes('0.5')).toBe(0.5);
    expect(parseMinutes('10')).toBe(10);
    expect(parseMinutes('0,5')).toBeNull();
    expect(parseMinutes('0.0001')).toBeNull();
    expect(parseWholeNumber(' 100 ')).toBe(100);
    for (const t of ['', '1.5', '1,000', '-3', '1e3', 'abc', '9'.repeat(20)]) expect(parseWholeNumber(t), t).toBeNull();
  });
});

describe('requireWhole: limits compare whole nL only', () => {
  it('passes whole numbers through', () => {
    expect(requireWhole(1_500_000, 'limit')).toBe(1_500_000);
    expect(requireWhole(0, 'total')).toBe(0);
  });
  it.each([1_499_999.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d', (n) => {
    // requireWhole guards the code itself with a RangeError (no code): its words are what there is to match.
    expect(() => requireWhole(n, 'zone total')).toThrow(/zone total must be a whole number/);
  });
});

describe('rewordVolumes: the gun\'s and older records\' "uL"', () => {
  it.each([
    ['zone vertex: 60 uL delivered', 'zone vertex: 60.0 µL delivered'],
    ['98.593 uL delivered; limit 1500 uL', '98.6 µL delivered; limit 1,500.0 µL'],
    ["dose 250 uL is outside the gun's limits 5-200 uL", "dose 250.0 µL is outside the gun's limits 5.0-200.0 µL"],
    ['1499.6uL', '1,499.6 µL'],
    ['already 1,499.6\u00a0µL', 'already 1,499.6\u00a0µL'],
    ['no volume here', 'no volume here'],
  ])('%s', (text, shown) => {
    expect(rewordVolumes(text)).toBe(sp(shown));
  });
});
