// Two-person serum library governance on screen: the drafts awaiting approval with what each changes
// (limits, allergens, contraindications, default profile), approval and publication by a second admin
// signing with their password, withdrawal with a reason, retirement, and the difference between any
// two versions. The core refuses the drafter's own approval; the screen says so before they try.
import { useMemo, useState } from 'react';
import type { SerumChange, SerumChangeGroup } from '../../../electron/contract/serumDiff.js';
import type { SerumDetail, SerumDraftView, SerumVersionView } from '../../../electron/contract/serum.js';
import type { Me } from '../../../electron/contract/users.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { useT, type Translate } from '../../i18n/I18n.js';
import type { UiMessageId } from '../../i18n/messages/index.js';
import { useFormat, type Format } from '../../i18n/useFormat.js';
import { Card, DataTable, Field, Form, FormAlert, ReasonButton, Select, TextField, type Column } from '../../kit/index.js';

const GROUP_WORDS: Record<SerumChangeGroup, UiMessageId> = {
  identity: 'quality.serum.group.identity',
  limits: 'quality.serum.group.limits',
  allergens: 'quality.serum.group.allergens',
  contraindications: 'quality.serum.group.contraindications',
  defaultProfile: 'quality.serum.group.defaultProfile',
  schedule: 'quality.serum.group.schedule',
};

const FIELD_WORDS: Record<SerumChange['field'], UiMessageId> = {
  name: 'quality.serum.field.name',
  notes: 'quality.serum.field.notes',
  components: 'quality.serum.field.components',
  allowedModes: 'quality.serum.field.allowedModes',
  allergens: 'quality.serum.field.allergens',
  contraindications: 'quality.serum.field.contraindications',
  'dose.hardMinNl': 'quality.serum.field.doseHardMin',
  'dose.softMinNl': 'quality.serum.field.doseSoftMin',
  'dose.softMaxNl': 'quality.serum.field.doseSoftMax',
  'dose.hardMaxNl': 'quality.serum.field.doseHardMax',
  'depth.hardMinUm': 'quality.serum.field.depthHardMin',
  'depth.softMinUm': 'quality.serum.field.depthSoftMin',
  'depth.softMaxUm': 'quality.serum.field.depthSoftMax',
  'depth.hardMaxUm': 'quality.serum.field.depthHardMax',
  'zoneVolume.softMaxNl': 'quality.serum.field.zoneVolumeSoftMax',
  'zoneVolume.hardMaxNl': 'quality.serum.field.zoneVolumeHardMax',
  'sessionVolume.softMaxNl': 'quality.serum.field.sessionVolumeSoftMax',
  'sessionVolume.hardMaxNl': 'quality.serum.field.sessionVolumeHardMax',
  'defaultProfile.doseNl': 'quality.serum.field.defaultDose',
  'defaultProfile.entryPct': 'quality.serum.field.defaultEntry',
  'defaultProfile.dwellPct': 'quality.serum.field.defaultDwell',
  'defaultProfile.exitPct': 'quality.serum.field.defaultExit',
  'defaultProfile.depthUm': 'quality.serum.field.defaultDepth',
  'defaultProfile.mode': 'quality.serum.field.defaultMode',
  minDaysBetweenSessions: 'quality.serum.field.minDays',
  maxDaysBetweenSessions: 'quality.serum.field.maxDays',
};

/** What stands for no value: a dash, in every language. */
const NONE = '—';

/** A value in its unit: the field's name says which (…Nl, …Um, …Pct, …Days). */
function valueText(t: Translate, f: Format, field: string, v: string | number | null): string {
  if (v === null) return NONE;
  if (typeof v === 'string') return v;
  if (field.endsWith('Nl')) return f.volume(v);
  if (field.endsWith('Um')) return f.depth(v);
  if (field.endsWith('Pct')) return t('quality.serum.percent', { value: f.number(v) });
  if (/Days/.test(field)) return t('quality.serum.days', { count: v });
  return f.number(v);
}

export function ChangeList({ changes, testId }: { changes: SerumChange[]; testId?: string }) {
  const t = useT();
  const f = useFormat();
  const columns = useMemo<Column<SerumChange>[]>(
    () => [
      { id: 'group', header: t('quality.serum.group'), cell: (c) => t(GROUP_WORDS[c.group]) },
      { id: 'field', header: t('quality.serum.field'), cell: (c) => t(FIELD_WORDS[c.field]) },
      {
        id: 'before',
        header: t('quality.serum.before'),
        cell: (c) => (c.kind === 'value' ? valueText(t, f, c.field, c.before) : c.removed.length > 0 ? t('quality.serum.removed', { items: c.removed.join(', ') }) : NONE),
      },
      {
        id: 'after',
        header: t('quality.serum.after'),
        cell: (c) => <strong>{c.kind === 'value' ? valueText(t, f, c.field, c.after) : c.added.length > 0 ? t('quality.serum.added', { items: c.added.join(', ') }) : NONE}</strong>,
      },
    ],
    [t, f],
  );
  return (
    <div data-testid={testId}>
      <DataTable caption={t('quality.serum.changesCaption')} columns={columns} rows={changes} rowKey={(c) => c.field} rowProps={(c) => ({ 'data-field': c.field })} empty={t('quality.serum.noDifference')} compact />
    </div>
  );
}

/** Drafts awaiting a second admin's approval. `me`: who is looking (a drafter cannot approve their own). */
export function SerumDrafts({ me, onPublished }: { me: Me; onPublished: () => void }) {
  const t = useT();
  const drafts = useLoad('serum.drafts.list', { state: 'open' });
  if (!drafts.data || drafts.data.length === 0) return null;
  return (
    <Card title={t('quality.serum.awaiting', { count: drafts.data.length })} titleId="sd-title" data-testid="serum-drafts">
      {drafts.data.map((d) => (
        <DraftCard
          key={d.id}
          draft={d}
          mine={d.draftedBy.userId === me.userId}
          onDone={() => {
            drafts.reload();
            onPublished();
          }}
        />
      ))}
    </Card>
  );
}

function DraftCard({ draft, mine, onDone }: { draft: SerumDraftView; mine: boolean; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const title =
    draft.serumId === null ? t('quality.serum.draftNew', { name: draft.definition.name }) : t('quality.serum.draftChange', { name: draft.definition.name, version: draft.baseVersion ?? 0 });
  const approve = async () => {
    if (await run(() => api.call('serum.drafts.approve', { draftId: draft.id, password }))) onDone();
  };
  return (
    <article className="stack" aria-label={title} data-draft={draft.id}>
      <h3>{title}</h3>
      <p className="small">
        {draft.reason
          ? t('quality.serum.draftedByWithReason', { name: draft.draftedBy.name, when: f.dateTime(draft.draftedAt), reason: draft.reason })
          : t('quality.serum.draftedBy', { name: draft.draftedBy.name, when: f.dateTime(draft.draftedAt) })}
      </p>
      {draft.outdated && <p className="warnbox">{t('quality.serum.outdated')}</p>}
      <ChangeList changes={draft.changes} testId="draft-changes" />
      {mine ? (
        <p className="notice">{t('quality.serum.mine')}</p>
      ) : (
        <Form className="row" failure={failure} onSubmit={approve} aria-label={t('quality.serum.approveForm', { name: draft.definition.name })}>
          <TextField label={t('quality.serum.approvePassword')} hint={t('quality.serum.approvePasswordHint')} field="password" type="password" value={password} onText={setPassword} autoComplete="current-password" />
          <button type="submit" disabled={busy || !password || draft.outdated}>
            {t('quality.serum.approve')}
          </button>
          <FormAlert />
        </Form>
      )}
      <div className="row">
        <ReasonButton
          label={t('quality.serum.withdraw')}
          className="secondary"
          title={t('quality.serum.withdrawTitle', { name: draft.definition.name })}
          reasonLabel={t('quality.serum.withdrawReason')}
          reasonName="reason"
          cancelLabel={t('quality.cancel')}
          confirm={{ label: t('quality.serum.withdraw') }}
          onConfirm={(reason) => api.call('serum.drafts.withdraw', { draftId: draft.id, reason })}
          onDone={onDone}
        />
      </div>
    </article>
  );
}

/** Retires a serum (signed): never loaded into a new session again; a session that loaded it keeps it. */
export function RetireSerum({ serum, onDone }: { serum: SerumVersionView; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [password, setPassword] = useState('');
  if (serum.retired)
    return (
      <p className="warnbox" data-testid="serum-retired">
        {t('quality.serum.retiredBy', { name: serum.retired.by.name, when: f.dateTime(serum.retired.at), reason: serum.retired.reason })}
      </p>
    );
  return (
    <Card title={t('quality.serum.retireTitle', { name: serum.name })} titleId="sr-title">
      <p className="small">{t('quality.serum.retireNote')}</p>
      <div className="row end">
        <ReasonButton
          label={t('quality.serum.retire')}
          className="danger"
          title={t('quality.serum.retireTitle', { name: serum.name })}
          tone="danger"
          reasonLabel={t('quality.serum.retireReason')}
          reasonName="reason"
          cancelLabel={t('quality.cancel')}
          extra={<TextField label={t('quality.serum.retirePassword')} field="password" type="password" value={password} onText={setPassword} autoComplete="current-password" />}
          ready={password !== ''}
          confirm={{ label: t('quality.serum.retire'), danger: true }}
          onConfirm={(reason) => api.call('serum.retire', { serumId: serum.serumId, reason, password })}
          onClose={() => setPassword('')}
          onDone={onDone}
        >
          <p>{t('quality.serum.retireNote')}</p>
        </ReasonButton>
      </div>
    </Card>
  );
}

/** What changed between any two versions of a serum. */
export function VersionCompare({ detail }: { detail: SerumDetail }) {
  const t = useT();
  const versions = detail.versions.map((v) => String(v.version));
  const [from, setFrom] = useState(versions[1] ?? versions[0] ?? '1');
  const [to, setTo] = useState(versions[0] ?? '1');
  const diff = useLoad('serum.diff', from === to ? null : { serumId: detail.latest.serumId, fromVersion: Number(from), toVersion: Number(to) });
  const options = useMemo(() => versions.map((v) => [v, t('quality.serum.versionOption', { version: v })] as const), [versions, t]);
  if (versions.length < 2) return null;
  return (
    <Card title={t('quality.serum.compare')} titleId="vc-title">
      <div className="grid2">
        <Field label={t('quality.serum.fromVersion')}>
          <Select value={from} onChoose={(v) => v && setFrom(v)} options={options} />
        </Field>
        <Field label={t('quality.serum.toVersion')}>
          <Select value={to} onChoose={(v) => v && setTo(v)} options={options} />
        </Field>
      </div>
      {from === to ? <p className="muted">{t('quality.serum.chooseTwo')}</p> : diff.data && <ChangeList changes={diff.data} testId="version-diff" />}
      <FormAlert message={diff.error} />
    </Card>
  );
}
