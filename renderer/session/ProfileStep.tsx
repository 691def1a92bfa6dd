// The dose profile sent to the gun: dose, depth, mode, the release split and the shot interval,
// typed in the window's decimal mark. A profile beyond the serum's soft limits asks for the reason to
// override; the gun's echo is shown once it took it.
import { useEffect, useState } from 'react';
import { DOSE_MODE_NAMES, type DoseModeName, type SessionView } from '../../electron/contract/sessions.js';
import type { DoseProfile } from '../../electron/contract/serum.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { Field, Form, FormEnd, Select, TextField, UnitInput, parseQuantity, useLocale, useQuantities, type Quantity } from '../kit/index.js';

type Figure = 'doseNl' | 'depthUm' | 'entryPct' | 'dwellPct' | 'exitPct' | 'minIntervalMs';
type Profile = DoseProfile & { minIntervalMs: number };

/** Each typed figure: its quantity, its label, the input's name, and whether the compact form shows it. */
const FIGURES: readonly [Figure, Quantity, UiMessageId, string, boolean][] = [
  ['doseNl', 'volume', 'profile.dose', 'doseUl', true],
  ['depthUm', 'depth', 'profile.depth', 'depthMm', true],
  ['entryPct', 'whole', 'profile.entry', 'entryPct', false],
  ['dwellPct', 'whole', 'profile.dwell', 'dwellPct', false],
  ['exitPct', 'whole', 'profile.exit', 'exitPct', false],
  ['minIntervalMs', 'whole', 'profile.interval', 'minIntervalMs', false],
];

type Texts = Record<Figure, string>;
const EMPTY: Texts = { doseNl: '', depthUm: '', entryPct: '0', dwellPct: '100', exitPct: '0', minIntervalMs: '500' };

export function ProfileStep({ s, onChanged, compact = false }: { s: SessionView; onChanged: () => void; compact?: boolean }) {
  const api = useApi();
  const q = useQuantities();
  const locale = useLocale();
  const t = useT();
  const format = useFormat();
  const serums = useLoad('serum.list', s.serum ? {} : null);
  const version = serums.data?.find((v) => v.versionId === s.serum?.serumVersionId);
  const base: Profile | null = s.profile ?? (version ? { ...version.defaultProfile, minIntervalMs: 500 } : null);
  const [texts, setTexts] = useState<Texts>(EMPTY);
  const [mode, setMode] = useState<DoseModeName>('papule');
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();

  const baseKey = base ? JSON.stringify(base) : '';
  useEffect(() => {
    if (!base) return;
    setTexts(Object.fromEntries(FIGURES.map(([f, quantity]) => [f, q.text(quantity, base[f])])) as Texts);
    setMode(base.mode);
  }, [baseKey, q]);

  // Beyond the soft limits as typed so far (a figure that cannot be read yet is refused at sending).
  const dose = parseQuantity('volume', texts.doseNl, locale);
  const depth = parseQuantity('depth', texts.depthUm, locale);
  const beyondSoft =
    !!version && ((dose !== null && (dose < version.dose.softMinNl || dose > version.dose.softMaxNl)) || (depth !== null && (depth < version.depth.softMinUm || depth > version.depth.softMaxUm)));

  const submit = async () => {
    const ok = await run(() => {
      const read = (f: Figure) => {
        const [, quantity, label] = FIGURES.find(([x]) => x === f)!;
        return q.read(quantity, texts[f], { field: `profile.${f}`, label: t(label) });
      };
      const profile: Profile = { doseNl: read('doseNl'), depthUm: read('depthUm'), entryPct: read('entryPct'), dwellPct: read('dwellPct'), exitPct: read('exitPct'), mode, minIntervalMs: read('minIntervalMs') };
      return api.call('sessions.setProfile', { sessionId: s.id, profile, softOverrideReason: beyondSoft ? reason : undefined });
    });
    if (ok) onChanged();
  };

  // Dose and depth, then the mode, then the release split and the interval (the compact form: the first three).
  const shown = FIGURES.filter(([, , , , inCompact]) => !compact || inCompact);
  const figureField = ([f, quantity, label, name]: (typeof FIGURES)[number]) => (
    <Field key={f} label={t(label)} field={`profile.${f}`}>
      <UnitInput quantity={quantity} name={name} text={texts[f]} onText={(text) => setTexts({ ...texts, [f]: text })} />
    </Field>
  );
  const modes = DOSE_MODE_NAMES.filter((m) => !version || version.allowedModes.includes(m)).map((m) => [m, t('session.mode', { mode: m })] as const);
  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      {!s.serum && <p className="muted">{t('profile.serumFirst')}</p>}
      <div className={compact ? 'grid3' : 'grid4'}>
        {shown.slice(0, 2).map(figureField)}
        <Field label={t('profile.mode')} field="profile.mode">
          <Select name="mode" value={mode} onChoose={(m) => m && setMode(m)} options={modes} />
        </Field>
        {shown.slice(2).map(figureField)}
      </div>
      {beyondSoft && (
        <>
          <p className="warnbox">{t('profile.beyondSoft')}</p>
          <TextField label={t('profile.overrideReason')} field="softOverrideReason" required name="softOverrideReason" value={reason} onText={setReason} />
        </>
      )}
      {s.profile && s.gun && (
        <p className="okbox" data-testid="profile-echo">
          {t('profile.echo', {
            serial: s.gun.serial,
            dose: format.volume(s.profile.doseNl),
            depth: format.depth(s.profile.depthUm),
            mode: t('session.mode', { mode: s.profile.mode }),
            entry: s.profile.entryPct,
            dwell: s.profile.dwellPct,
            exit: s.profile.exitPct,
            interval: format.number(s.profile.minIntervalMs),
          })}
        </p>
      )}
      <FormEnd submit={t('profile.send')} disabled={busy || !s.serum || (beyondSoft && reason.trim().length < 3)} />
    </Form>
  );
}
