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

/** "Log in" -> "[Ļöĝ îñ ~~]": accented, padded by about 30 % of the English length, bracketed. */
export function pseudoMessage(message: string): string {
  const printed = printAST(transform(parse(message)));
  const padding = '~'.repeat(Math.max(1, Math.round(printed.length * 0.3)));
  return `[${printed} ${padding}]`;
}

export function pseudoCatalogue<K extends string>(source: Record<K, string>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(source).map(([k, v]) => [k, pseudoMessage(v)])) as Record<K, string>;
}
