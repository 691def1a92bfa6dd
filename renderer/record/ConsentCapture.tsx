// Taking a patient's consent on a form: the form in the chosen language (the patient's own by
// default), read with the patient, then the patient's signature drawn on the pad, or their typed
// name with a second member of staff as witness, signing with their own password.
import { useEffect, useState } from 'react';
import type { Input } from '../../electron/contract/index.js';
import { LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import { useLoad } from '../api/hooks.js';
import { PAD_HEIGHT, PAD_WIDTH, SignaturePad, type Stroke } from '../components/SignaturePad.js';

export type ConsentInput = Omit<Input<'consents.record'>, 'patientId'>;

export function ConsentCapture({ language, onChange }: { language: Language | null; onChange: (c: ConsentInput | null) => void }) {
  const forms = useLoad('consents.templates', { treatment: 'hair-mesotherapy' });
  const [chosen, setChosen] = useState<Language | ''>(language ?? '');
  const [mode, setMode] = useState<'drawn' | 'typed'>('drawn');
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [typedName, setTypedName] = useState('');
  const [witness, setWitness] = useState('');
  const [witnessPassword, setWitnessPassword] = useState('');
  const form = forms.data?.find((f) => f.language === (chosen || 'en')) ?? null;

  // The patient's language, once it is known, chooses the form (it can still be changed here).
  useEffect(() => {
    if (language) setChosen(language);
  }, [language]);

  useEffect(() => {
    if (!form) return onChange(null);
    if (mode === 'drawn') onChange(strokes.length ? { templateVersionId: form.versionId, signature: { kind: 'drawn', width: PAD_WIDTH, height: PAD_HEIGHT, strokes } } : null);
    else onChange(typedName.trim() && witness.trim() && witnessPassword ? { templateVersionId: form.versionId, signature: { kind: 'typed', typedName, witness: { username: witness, password: witnessPassword } } } : null);
    // onChange is the parent's setter; the value is derived from the fields above.
  }, [form?.versionId, mode, strokes, typedName, witness, witnessPassword]);

  return (
    <div className="stack">
      <label className="field">
        Language of the form
        <select name="consentLanguage" value={chosen || 'en'} onChange={(e) => setChosen(e.target.value as Language)}>
          {forms.data?.map((f) => (
            <option key={f.templateId} value={f.language}>
              {LANGUAGE_NAMES[f.language]}
            </option>
          ))}
        </select>
      </label>
      {form && (
        <>
          <h3>
            {form.title} <span className="muted small">version {form.version}</span>
          </h3>
          <div className="consent-body" tabIndex={0} aria-label="Consent form text" lang={form.language}>
            {form.body}
          </div>
        </>
      )}
      <fieldset className="row">
        <legend>How the patient signs</legend>
        <label className="check">
          <input type="radio" name="signatureMode" checked={mode === 'drawn'} onChange={() => setMode('drawn')} />
          On the signature pad
        </label>
        <label className="check">
          <input type="radio" name="signatureMode" checked={mode === 'typed'} onChange={() => setMode('typed')} />
          Typed name, with a staff witness
        </label>
      </fieldset>
      {mode === 'drawn' ? (
        <SignaturePad label="Patient's signature" strokes={strokes} onChange={setStrokes} />
      ) : (
        <div className="grid3">
          <label className="field">
            Patient's full name, as typed by the patient
            <input name="typedName" value={typedName} onChange={(e) => setTypedName(e.target.value)} />
          </label>
          <label className="field">
            Witness user name <span className="hint">another member of staff</span>
            <input name="witnessUsername" value={witness} onChange={(e) => setWitness(e.target.value)} autoComplete="off" />
          </label>
          <label className="field">
            Witness password
            <input name="witnessPassword" type="password" value={witnessPassword} onChange={(e) => setWitnessPassword(e.target.value)} autoComplete="off" />
          </label>
        </div>
      )}
    </div>
  );
}
