// The screens' catalogues outside a window, for unit tests: a component rendered in a language, and
// the translate function a screen's useT() would give.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { IntlProvider, createIntl } from 'react-intl';
import { LOCALE_TAGS, type Language } from '../../../electron/contract/languages.js';
import { UI_CATALOGUES, type Translate } from '../../../renderer/i18n/I18n.js';

export function translator(language: Language): Translate {
  const intl = createIntl({ locale: LOCALE_TAGS[language], messages: UI_CATALOGUES[language] });
  return (id, values) => intl.formatMessage({ id }, values);
}

/** Server-rendered markup of `node` in `language` (English by default). */
export function render(node: ReactNode, language: Language = 'en'): string {
  return renderToStaticMarkup(
    <IntlProvider locale={LOCALE_TAGS[language]} messages={UI_CATALOGUES[language]}>
      {node}
    </IntlProvider>,
  );
}
