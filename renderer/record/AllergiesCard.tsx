// A patient's allergies: added and removed one at a time, each with its reason, in any language.
// Each shows the standard allergen it was recognised as (what a serum is matched on), or says it was
// not recognised and is matched by its own spelling only.
import { useState } from 'react';
import { ALLERGENS, allergenCode, type AllergenCode } from '../../electron/contract/allergens.js';
import type { PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { Msg, useT, type Translate } from '../i18n/I18n.js';
import { ALLERGEN_WORDS } from './words.js';
import { useFormat } from '../i18n/useFormat.js';
import { Card, Form, FormAlert, TextField, useInlineReason } from '../kit/index.js';

/** A standard allergen's name in the reader's language; a code that is none is shown as it is. */
const allergenName = (t: Translate, code: string) => (code in ALLERGENS ? t(ALLERGEN_WORDS[code as AllergenCode]) : code);

export function AllergiesCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const typed = name.trim() ? allergenCode(name) : null;
  const removal = useInlineReason<number>(
    { label: t('allergies.removeWhy'), name: 'removeReason', action: t('allergies.removeAction'), cancelLabel: t('allergies.keep') },
    (allergyId, reason) => api.call('patients.removeAllergy', { patientId: p.id, allergyId, reason }),
    onChanged,
  );

  const add = async () => {
    if (await run(() => api.call('patients.addAllergy', { patientId: p.id, name, reason }))) {
      setName('');
      setReason('');
      onChanged();
    }
  };

  return (
    <Card title={t('allergies.title')} titleId="pt-allergies">
      {p.allergyDetails.length === 0 ? (
        <p className="muted">{t('allergies.none')}</p>
      ) : (
        <ul className="stack" aria-label={t('allergies.recorded')}>
          {p.allergyDetails.map((a) => (
            <li key={a.id} className="row between">
              <span>
                <Msg
                  id="allergies.item"
                  values={{
                    name: a.name,
                    match: a.recognised ? <span className="pill ok">{allergenName(t, a.code)}</span> : <span className="pill warn">{t('allergies.notRecognised')}</span>,
                    when: f.date(a.addedAt),
                    who: a.addedBy.name,
                    reason: a.reason,
                    muted: (chunks) => <span className="muted small">{chunks}</span>,
                  }}
                />
              </span>
              {canEdit && (
                <button type="button" className="secondary" onClick={() => removal.ask(a.id)} aria-label={t('allergies.removeNamed', { name: a.name })}>
                  {t('allergies.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removal.form}
      {canEdit && (
        <Form className="row" failure={failure} onSubmit={add}>
          <TextField label={t('allergies.new')} hint={t('allergies.anyLanguage')} field="name" name="allergyName" value={name} onText={setName} />
          <TextField label={t('reason.label')} hint={t('allergies.reasonHint')} field="reason" style={{ flex: '1 1 14rem' }} name="allergyReason" value={reason} onText={setReason} />
          <button type="submit" className="secondary" disabled={busy || !name.trim() || !reason.trim()} style={{ alignSelf: 'flex-end' }}>
            {t('allergies.add')}
          </button>
          {typed && (
            <p className="small muted" style={{ flexBasis: '100%' }}>
              {typed.recognised ? t('allergies.recognisedAs', { allergen: allergenName(t, typed.code) }) : t('allergies.notInTable')}
            </p>
          )}
          <FormAlert />
        </Form>
      )}
    </Card>
  );
}
