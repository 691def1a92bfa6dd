// Taking a patient's consent on a form: the form in the chosen language (the patient's own by
// default), read with the patient, then the patient's signature drawn on the pad, or their typed
// name with a second member of staff as witness, signing with their own password.
import { useEffect, useState } from 'react';
import type { Input } from '../../electron/contract/index.js';
import { LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import { useLoad } from '../api/hooks.js';
import { Credentials, Field, NO_CREDENTIALS, Radios, Select, TextField, complete } from '../kit/index.js';
import { PAD_HEIGHT, PAD_WIDTH, SignaturePad, type Stroke } from '../components/SignaturePad.js';
import { useT } from '../i18n/I18n.js';

export type ConsentInput = Omit<Input<'consents.record'>, 'patientId'>;

export function ConsentCapture({ language, onChange }: { language: Language | null; onChange: (c: ConsentInput | null) => void }) {
  const t = useT();
  const forms = useLoad('consents.templates', { treatment: 'hair-mesotherapy' });
  const [chosen, setChosen] = useState<Language | ''>(language ?? '');
  const [mode, setMode] = useState<'drawn' | 'typed'>('drawn');
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [typedName, setTypedName] = useState('');
  const [witness, setWitness] = useState(NO_CREDENTIALS);
  const signingOptions = [['drawn', t('consent.onPad')], ['typed', t('consent.typedWitnessed')]] as const;
  const form = forms.data?.find((f) => f.language === (chosen || 'en')) ?? null;

  // The patient's language, once it is known, chooses the form (it can still be changed here).
  useEffect(() => {
    if (language) setChosen(language);
  }, [language]);

  useEffect(() => {
    if (!form) return onChange(null);
    if (mode === 'drawn') onChange(strokes.length ? { templateVersionId: form.versionId, signature: { kind: 'drawn', width: PAD_WIDTH, height: PAD_HEIGHT, strokes } } : null);
    else onChange(typedName.trim() && complete(witness) ? { templateVersionId: form.versionId, signature: { kind: 'typed', typedName, witness } } : null);
    // onChange is the parent's setter; the value is derived from the fields above.
  }, [form?.versionId, mode, strokes, typedName, witness]);

  return (
    <div className="stack">
      <Field label={t('consent.formLanguage')}>
        <Select name="consentLanguage" value={chosen || 'en'} onChoose={(l) => l && setChosen(l)} options={forms.data?.map((f) => [f.language, LANGUAGE_NAMES[f.language]] as const) ?? []} />
      </Field>
      {form && (
        <>
          <h3>
            {form.title} <span className="muted small">{t('consent.version', { version: form.version })}</span>
          </h3>
          <div className="consent-body" tabIndex={0} aria-label={t('consent.formText')} lang={form.language}>
            {form.body}
          </div>
        </>
      )}
      <Radios legend={t('consent.howSigns')} name="signatureMode" value={mode} onChoose={setMode} options={signingOptions} />
      {mode === 'drawn' ? (
        <SignaturePad label={t('consent.signature')} strokes={strokes} onChange={setStrokes} />
      ) : (
        <div className="grid3">
          <TextField label={t('consent.typedName')} field="signature.typedName" name="typedName" value={typedName} onText={setTypedName} />
          <Credentials who="Witness" inline userHint={t('consent.witnessHint')} names={['witnessUsername', 'witnessPassword']} field="signature.witness.username" value={witness} onChange={setWitness} />
        </div>
      )}
    </div>
  );
}
