// The patient's sheet of one session (what was done, and the aftercare), made by the station in the
// patient's preferred language (else the station's) and saved on this computer; it says in which
// language it was made and under which name it was saved.
import { useState } from 'react';
import { LANGUAGE_NAMES, type Language } from '../../electron/contract/languages.js';
import { useAction, useApi } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import { pdfBlob, saveFile } from '../kit/saveFile.js';

export function PatientSheetButton({ sessionId, language }: { sessionId: number; language: Language }) {
  const api = useApi();
  const t = useT();
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState<{ fileName: string; language: Language } | null>(null);
  const make = async () => {
    setSaved(null);
    const sheet = await run(() => api.call('patientSheet.make', { sessionId }));
    if (!sheet) return;
    saveFile(sheet.fileName, pdfBlob(sheet.pdfBase64));
    setSaved({ fileName: sheet.fileName, language: sheet.language });
  };
  return (
    <div className="stack" style={{ gap: 4, alignItems: 'flex-end' }}>
      <button type="button" className="secondary" onClick={make} disabled={busy}>
        {t('sheet.make', { language: LANGUAGE_NAMES[language] })}
      </button>
      {saved && (
        <p className="small okbox" role="status" data-testid="sheet-saved">
          {t('sheet.saved', { file: saved.fileName, language: LANGUAGE_NAMES[saved.language] })}
        </p>
      )}
      {error && (
        <p className="small error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
