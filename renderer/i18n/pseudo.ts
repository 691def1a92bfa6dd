// The pseudo-locale: English with every letter accented and each message padded by about 30 % and
// bracketed, so screenshots show at a glance a string that escaped the catalogue (plain English), a
// layout that cuts longer text (a missing bracket), and a font without the accents. Placeholders,
// plurals and selects are kept intact: only literal text is changed, through the ICU parser.
import { isPluralElement, isSelectElement, isTagElement, parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);

function accent(text: string): string {
  return [...text].map((c) => ACCENTED[c] ?? c).join('');
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (isPluralElement(el) || isSelectElement(el))
      return { ...el, options: Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, { ...o, value: transform(o.value) }])) } as typeof el;
    if (isTagElement(el)) return { ...el, children: transform(el.children) };
    return el;
  });
}

/**
 * How long a message can look on screen: its text, a placeholder by its name, the longest branch of a
 * plural or select (not all branches together: a select of four technique names shows one of them).
 */
function shownLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const el of elements) {
    if (el.type === TYPE.literal) n += el.value.length;
    else if (isPluralElement(el) || isSelectElement(el)) n += Math.max(0, ...Object.values(el.options).map((o) => shownLength(o.value)));
    else if (isTagElement(el)) n += shownLength(el.children);
    else if (el.type === TYPE.pound) n += 1;
    else if ('value' in el && typeof el.value === 'string') n += el.value.length;
  }
  return n;
}

/** Padding words: a longer translation has more words, not one word as long as the English's third. */
const PAD_WORD = 5;

/**
 * "Log in" -> "[Ļöĝ îñ ~~]": accented, padded by about 30 % of the English as shown, bracketed. The
 * padding is words of at most five tildes, so it wraps where a translation would: a screenshot shows
 * a layout that cuts longer text, not one unbreakable run no language has.
 */
export function pseudoMessage(message: string): string {
  const ast = parse(message);
  const printed = printAST(transform(ast));
  const tildes = Math.max(1, Math.round(shownLength(ast) * 0.3));
  const words = Array.from({ length: Math.ceil(tildes / PAD_WORD) }, (_, i) => '~'.repeat(Math.min(PAD_WORD, tildes - i * PAD_WORD)));
  return `[${printed} ${words.join(' ')}]`;
}

export function pseudoCatalogue<K extends string>(source: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(source).map(([k, v]) => [k, pseudoMessage(v)])) as Record<K, string>;
}
