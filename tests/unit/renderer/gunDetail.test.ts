// The gun bar and the pairing screen word the link's problem from its code, in the window's language:
// every code the link can report has its own words in every catalogue, and an unknown one the general
// words (never the device layer's English).
import { describe, expect, it } from 'vitest';
import type { LinkErrorCode } from '../../../device/link/index.js';
import { LANGUAGES } from '../../../electron/contract/languages.js';
import { gunDetailKey } from '../../../renderer/components/gunDetail.js';
import { UI_CATALOGUES } from '../../../renderer/i18n/I18n.js';

/** Every LinkErrorCode (the compiler checks that none is missing), and the service's own codes. */
const LINK_CODES = Object.keys({
  timeout: 1, disconnected: 1, stopped: 1, nak: 1, 'out-of-limits': 1, 'cannot-arm': 1, 'protocol-version': 1, 'schema-mismatch': 1, 'not-paired': 1, 'wrong-key': 1,
  'pairing-code-wrong': 1, 'echo-mismatch': 1, 'not-ready': 1, 'unexpected-reply': 1, 'port-not-found': 1, 'port-permission': 1, 'port-busy': 1, 'udev-missing': 1,
} satisfies Record<LinkErrorCode, 1>);
const SERVICE_CODES = ['connect-failed', 'awaiting-pairing', 'refused'];

describe('gun problem words', () => {
  it.each([...LINK_CODES, ...SERVICE_CODES])('%s has its own words in every language', (code) => {
    const key = gunDetailKey({ detailCode: code });
    expect(key).not.toBe('gunDetail.other');
    for (const lang of LANGUAGES) expect(UI_CATALOGUES[lang][key], `${lang} ${key}`).toBeTruthy();
  });

  it('a code this renderer does not know, or none, gets the general words', () => {
    expect(gunDetailKey({ detailCode: 'a-code-from-a-newer-link' })).toBe('gunDetail.other');
    expect(gunDetailKey({ detailCode: 'toString' })).toBe('gunDetail.other');
    expect(gunDetailKey({ detailCode: null })).toBe('gunDetail.other');
  });
});
