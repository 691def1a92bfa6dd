// The aftercare sheet is the patient's: written in the patient's preferred language (its words, its
// date), inside a session screen in the clinician's; with no preference, in the window's.
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../../../renderer/i18n/I18n.js';
import { AftercareSheet } from '../../../renderer/session/Closing.js';

const day = new Date(2026, 10, 30, 14, 5).getTime();

function sheetIn(window: 'en' | 'tr' | 'es', patient: 'en' | 'tr' | 'es' | null, pseudo = false): string {
  return renderToStaticMarkup(
    <I18nProvider language={window} station="en" pseudo={pseudo}>
      <AftercareSheet date={day} language={patient} stationName="Sala 2" />
    </I18nProvider>,
  );
}

describe('the aftercare sheet', () => {
  it('is in the patient’s language on a Turkish screen, and says which language it is in', () => {
    const html = sheetIn('tr', 'es');
    expect(html).toContain('lang="es-ES"');
    expect(html).toContain('Cuidados tras su sesión de mesoterapia capilar');
    expect(html).toContain('<strong>No se duche ni sude durante 8 horas</strong>');
    expect(html).toContain('Sala 2 · 30 nov 2026');
    expect(html).not.toContain('Saç mezoterapisi');
  });

  it('is in the window’s language when the patient has none, or has the same', () => {
    for (const patient of [null, 'tr'] as const) {
      const html = sheetIn('tr', patient);
      expect(html).toContain('Saç mezoterapisi seansınızdan sonra bakım');
      expect(html).toContain('30 Kas 2026');
      expect(html).not.toContain('lang=');
    }
  });

  it('stays in the pseudo-locale, so the screenshots still mark every word', () => {
    const html = sheetIn('en', 'tr', true);
    expect(html).toContain('[Àƒţéŕçàŕé');
    expect(html).not.toContain('lang=');
  });
});
