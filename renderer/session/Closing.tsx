// Closing: the oil serum closes the pores (seed 003), and the patient takes the aftercare sheet home,
// written in the patient's preferred language (the rest of the screen is in the clinician's).
import { useState } from 'react';
import type { Language } from '../../electron/contract/languages.js';
import type { SessionView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { InLanguage, Msg, useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Actions, Check, Field, Form, FormAlert } from '../kit/index.js';

const AFTERCARE_ITEMS = ['aftercare.noWash', 'aftercare.noShower', 'aftercare.noProducts', 'aftercare.noSun', 'aftercare.pain', 'aftercare.call'] as const;

function AftercareWords({ stationName, date, lang }: { stationName?: string; date: number; lang?: string }) {
  const t = useT();
  const f = useFormat();
  return (
    <article className="card aftercare" aria-labelledby="aftercare-title" lang={lang}>
      <h2 id="aftercare-title">{t('aftercare.title')}</h2>
      <p className="muted">{[stationName, f.date(date)].filter(Boolean).join(' · ')}</p>
      <ul>
        {AFTERCARE_ITEMS.map((id) => (
          <li key={id}>
            <Msg id={id} />
          </li>
        ))}
      </ul>
    </article>
  );
}

/** The aftercare sheet, in the patient's preferred language (none: the window's). */
export function AftercareSheet({ stationName, date, language }: { stationName?: string; date: number; language?: Language | null }) {
  return <InLanguage language={language}>{(lang) => <AftercareWords stationName={stationName} date={date} lang={lang} />}</InLanguage>;
}

export function Closing({ s, patientLanguage, onChanged, onBack }: { s: SessionView; patientLanguage?: Language | null; onChanged: () => void; onBack?: () => void }) {
  const api = useApi();
  const t = useT();
  const [oil, setOil] = useState(false);
  const [aftercare, setAftercare] = useState(false);
  const [notes, setNotes] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (!oil || !aftercare) return;
    if (await run(() => api.call('sessions.closing', { sessionId: s.id, oilSerumApplied: true, aftercareGiven: true, notes: notes.trim() || undefined }))) onChanged();
  };
  return (
    <div className="grid2">
      <div className="stack">
        <AftercareSheet date={s.startedAt} language={patientLanguage} />
        <div className="row no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('closing.print')}
          </button>
        </div>
      </div>
      <Form className="card stack no-print" failure={failure} onSubmit={submit} aria-labelledby="closing-title">
        <h2 id="closing-title" tabIndex={-1} data-phase-focus="">
          {t('closing.title')}
        </h2>
        <Check name="oilSerumApplied" checked={oil} onCheck={setOil}>
          {t('closing.oil')}
        </Check>
        <Check name="aftercareGiven" checked={aftercare} onCheck={setAftercare}>
          {t('closing.aftercare')}
        </Check>
        <Field label={t('closing.notes')} hint={t('closing.notesHint')} field="notes">
          <textarea name="closingNotes" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <FormAlert />
        <Actions spread cancel={onBack && { label: t('closing.back'), onClick: onBack }}>
          {!onBack && <span />}
          <button type="submit" disabled={busy || !oil || !aftercare}>
            {t('closing.done')}
          </button>
        </Actions>
      </Form>
    </div>
  );
}
