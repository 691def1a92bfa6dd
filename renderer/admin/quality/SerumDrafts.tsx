// Two-person serum library governance on screen: the drafts awaiting approval with what each changes
// (limits, allergens, contraindications, default profile), approval and publication by a second admin
// signing with their password, withdrawal with a reason, retirement, and the difference between any
// two versions. The core refuses the drafter's own approval; the screen says so before they try.
import { useState, type FormEvent } from 'react';
import type { SerumChange, SerumChangeGroup } from '../../../electron/contract/serumDiff.js';
import type { SerumDetail, SerumDraftView, SerumVersionView } from '../../../electron/contract/serum.js';
import { formatDepth, formatVolume } from '../../../electron/contract/units.js';
import type { Me } from '../../../electron/contract/users.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { fmtDateTime } from '../../format.js';

const GROUP_WORDS: Record<SerumChangeGroup, string> = {
  identity: 'Identity',
  limits: 'Limits',
  allergens: 'Allergens',
  contraindications: 'Contraindications',
  defaultProfile: 'Default profile',
  schedule: 'Schedule',
};

const FIELD_WORDS: Record<SerumChange['field'], string> = {
  name: 'Name',
  notes: 'Notes',
  components: 'Components',
  allowedModes: 'Allowed modes',
  allergens: 'Allergens',
  contraindications: 'Contraindications',
  'dose.hardMinNl': 'Dose per shot, hard minimum',
  'dose.softMinNl': 'Dose per shot, soft minimum',
  'dose.softMaxNl': 'Dose per shot, soft maximum',
  'dose.hardMaxNl': 'Dose per shot, hard maximum',
  'depth.hardMinUm': 'Depth, hard minimum',
  'depth.softMinUm': 'Depth, soft minimum',
  'depth.softMaxUm': 'Depth, soft maximum',
  'depth.hardMaxUm': 'Depth, hard maximum',
  'zoneVolume.softMaxNl': 'Volume per zone, soft maximum',
  'zoneVolume.hardMaxNl': 'Volume per zone, hard maximum',
  'sessionVolume.softMaxNl': 'Volume per session, soft maximum',
  'sessionVolume.hardMaxNl': 'Volume per session, hard maximum',
  'defaultProfile.doseNl': 'Default dose per shot',
  'defaultProfile.entryPct': 'Default entry share',
  'defaultProfile.dwellPct': 'Default dwell share',
  'defaultProfile.exitPct': 'Default exit share',
  'defaultProfile.depthUm': 'Default depth',
  'defaultProfile.mode': 'Default mode',
  minDaysBetweenSessions: 'Min. days between sessions',
  maxDaysBetweenSessions: 'Max. days between sessions',
};

/** A value in its unit: the field's name says which (…Nl, …Um, …Pct, …Days). */
function valueText(field: string, v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (field.endsWith('Nl')) return formatVolume(v);
  if (field.endsWith('Um')) return formatDepth(v);
  if (field.endsWith('Pct')) return `${v} %`;
  if (/Days/.test(field)) return `${v} days`;
  return String(v);
}

export function ChangeList({ changes, testId }: { changes: SerumChange[]; testId?: string }) {
  if (changes.length === 0) return <p className="muted">No difference.</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} data-field={c.field}>
            <td>{GROUP_WORDS[c.group]}</td>
            <td>{FIELD_WORDS[c.field]}</td>
            {c.kind === 'value' ? (
              <>
                <td>{valueText(c.field, c.before)}</td>
                <td>
                  <strong>{valueText(c.field, c.after)}</strong>
                </td>
              </>
            ) : (
              <>
                <td>{c.removed.length > 0 ? `removed: ${c.removed.join(', ')}` : '—'}</td>
                <td>
                  <strong>{c.added.length > 0 ? `added: ${c.added.join(', ')}` : '—'}</strong>
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Drafts awaiting a second admin's approval. `me`: who is looking (a drafter cannot approve their own). */
export function SerumDrafts({ me, onPublished }: { me: Me; onPublished: () => void }) {
  const drafts = useLoad('serum.drafts.list', { state: 'open' });
  if (!drafts.data || drafts.data.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="sd-title" data-testid="serum-drafts">
      <h2 id="sd-title">Awaiting approval ({drafts.data.length})</h2>
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
    </section>
  );
}

function DraftCard({ draft, mine, onDone }: { draft: SerumDraftView; mine: boolean; onDone: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [withdrawReason, setWithdrawReason] = useState('');
  const { busy, error, run } = useAction();
  const title = `${draft.definition.name}: ${draft.serumId === null ? 'new serum' : `change to version ${draft.baseVersion}`}`;
  const approve = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('serum.drafts.approve', { draftId: draft.id, password }))) onDone();
  };
  const withdraw = async () => {
    if (await run(() => api.call('serum.drafts.withdraw', { draftId: draft.id, reason: withdrawReason }))) onDone();
  };
  return (
    <article className="stack" aria-label={title} data-draft={draft.id}>
      <h3>{title}</h3>
      <p className="small">
        Drafted by {draft.draftedBy.name}, {fmtDateTime(draft.draftedAt)}
        {draft.reason ? `: ${draft.reason}` : ''}
      </p>
      {draft.outdated && <p className="warnbox">A newer version was published since this draft was made: it can no longer be approved. Withdraw it and draft again.</p>}
      <ChangeList changes={draft.changes} testId="draft-changes" />
      {error && <p className="error" role="alert">{error}</p>}
      {mine ? (
        <p className="notice">You drafted this: another administrator must approve and publish it.</p>
      ) : (
        <form className="row" onSubmit={approve} aria-label={`Approve ${draft.definition.name}`}>
          <label className="field">
            Your password, to sign the approval <span className="hint">publishes it as the serum's newest version</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </label>
          <button type="submit" disabled={busy || !password || draft.outdated}>
            Approve and publish
          </button>
        </form>
      )}
      <div className="row">
        <label className="field">
          Reason to withdraw
          <input value={withdrawReason} onChange={(e) => setWithdrawReason(e.target.value)} />
        </label>
        <button type="button" className="secondary" onClick={withdraw} disabled={busy || !withdrawReason.trim()}>
          Withdraw the draft
        </button>
      </div>
    </article>
  );
}

/** Retires a serum (signed): never loaded into a new session again; a session that loaded it keeps it. */
export function RetireSerum({ serum, onDone }: { serum: SerumVersionView; onDone: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  if (serum.retired)
    return (
      <p className="warnbox" data-testid="serum-retired">
        Retired by {serum.retired.by.name}, {fmtDateTime(serum.retired.at)}: {serum.retired.reason}
      </p>
    );
  const retire = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('serum.retire', { serumId: serum.serumId, reason, password }))) onDone();
  };
  return (
    <form className="card stack" onSubmit={retire} aria-labelledby="sr-title">
      <h2 id="sr-title">Retire {serum.name}</h2>
      <p className="small">A retired serum is never loaded into a new session; a session in progress keeps the version it loaded.</p>
      <div className="grid2">
        <label className="field">
          Reason for retiring
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="field">
          Your password, to sign the retirement
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" className="danger" disabled={busy || !reason.trim() || !password}>
          Retire the serum
        </button>
      </div>
    </form>
  );
}

/** What changed between any two versions of a serum. */
export function VersionCompare({ detail }: { detail: SerumDetail }) {
  const versions = detail.versions.map((v) => v.version);
  const [from, setFrom] = useState(versions[1] ?? versions[0] ?? 1);
  const [to, setTo] = useState(versions[0] ?? 1);
  const diff = useLoad('serum.diff', from === to ? null : { serumId: detail.latest.serumId, fromVersion: from, toVersion: to });
  if (versions.length < 2) return null;
  return (
    <section className="card stack" aria-labelledby="vc-title">
      <h2 id="vc-title">Compare versions</h2>
      <div className="grid2">
        <label className="field">
          From version
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          To version
          <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
      </div>
      {from === to ? <p className="muted">Choose two different versions.</p> : diff.data && <ChangeList changes={diff.data} testId="version-diff" />}
      {diff.error && <p className="error" role="alert">{diff.error}</p>}
    </section>
  );
}
