// A patient's consents: each with its form and version, who obtained it and when, the signature as
// it was given, and whether it allows a session today; recording a new one and withdrawing one.
import { useState } from 'react';
import type { ConsentSignatureView } from '../../electron/contract/consents.js';
import { LANGUAGE_NAMES, type PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { ReasonWords } from '../ReasonWords.js';
import { Msg, useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Actions, Card, FormAlert, useInlineReason } from '../kit/index.js';
import { ConsentCapture, type ConsentInput } from './ConsentCapture.js';

function SignatureView({ s }: { s: ConsentSignatureView }) {
  const t = useT();
  if (s.kind === 'typed') return <span>{t('consent.typedSignature', { name: s.typedName, witness: s.witnessedBy.name })}</span>;
  return (
    <svg viewBox={`0 0 ${s.width} ${s.height}`} width={180} height={60} role="img" aria-label={t('consent.drawnSignature')} className="signature-thumb">
      {s.strokes.map((st, i) => (
        <path key={i} d={st.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${x} ${y}`).join(' ')} className="signature-stroke" />
      ))}
    </svg>
  );
}

export function ConsentsCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [recording, setRecording] = useState(false);
  const [consent, setConsent] = useState<ConsentInput | null>(null);
  const { busy, error, run } = useAction();
  const withdrawal = useInlineReason<number>(
    { label: t('consent.withdrawWhy'), name: 'withdrawReason', action: t('consent.withdrawAction'), cancelLabel: t('common.cancel') },
    (consentId, reason) => api.call('consents.withdraw', { patientId: p.id, consentId, reason }),
    onChanged,
  );

  const save = async () => {
    if (!consent) return;
    if (await run(() => api.call('consents.record', { patientId: p.id, ...consent }))) {
      setRecording(false);
      onChanged();
    }
  };

  return (
    <Card title={t('consent.title')} titleId="pt-consent" action={canEdit && !recording && { label: t('consent.record'), onClick: () => setRecording(true), secondary: true }}>
      {p.consents.length === 0 && <p className="warnbox">{t('consent.none')}</p>}
      {p.consents.map((c) => (
        <div key={c.id} className={c.valid ? 'okbox stack' : 'warnbox stack'}>
          <p>
            <Msg id="consent.line" values={{ title: c.title, version: c.templateVersion, language: LANGUAGE_NAMES[c.language], when: f.dateTime(c.obtainedAt), who: c.obtainedBy.name }} />
          </p>
          <SignatureView s={c.signature} />
          {c.valid ? <p>{t('consent.valid')}</p> : <p>{c.invalidReason ? <ReasonWords reason={c.invalidReason} /> : t('consent.notValid')}</p>}
          {c.withdrawal && <p>{t('consent.withdrawn', { when: f.dateTime(c.withdrawal.at), who: c.withdrawal.by.name, reason: c.withdrawal.reason })}</p>}
          {canEdit && !c.withdrawal && (
            <div className="row end">
              <button type="button" className="secondary" onClick={() => withdrawal.ask(c.id)}>
                {t('consent.withdraw')}
              </button>
            </div>
          )}
        </div>
      ))}
      {withdrawal.form}
      {recording && (
        <div className="stack">
          <ConsentCapture language={p.preferredLanguage} onChange={setConsent} />
          <FormAlert message={error} />
          <Actions cancel={{ label: t('common.cancel'), onClick: () => setRecording(false) }}>
            <button type="button" onClick={save} disabled={busy || !consent}>
              {t('consent.save')}
            </button>
          </Actions>
        </div>
      )}
    </Card>
  );
}
