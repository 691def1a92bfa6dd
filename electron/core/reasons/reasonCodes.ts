// The coded-reason list (contract/reasonCodes.ts): admins add codes, change a label or the uses, and
// retire or restore a code, each change audited with its reason; a code itself never changes. The
// session workflow resolves what a clinician chose with resolve(): an active code meant for the use,
// with the words it requires.
import type { z } from 'zod';
import {
  reasonCodesCreateInput,
  reasonCodesListInput,
  reasonCodesRetireInput,
  reasonCodesUpdateInput,
  type CodedReasonInput,
  type ReasonCodeView,
  type ReasonUse,
} from '../../contract/reasonCodes.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import { adminChange, parseInput } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';

interface Row {
  id: number;
  code: string;
  label: string;
  uses: string;
  text_required: number;
  retired: number;
  created_at: string;
  created_by_id: number | null;
  created_by_name: string | null;
  updated_at: string;
}

function view(r: Row): ReasonCodeView {
  return {
    id: r.id,
    code: r.code,
    label: r.label,
    uses: JSON.parse(r.uses) as ReasonUse[],
    textRequired: r.text_required === 1,
    retired: r.retired === 1,
    createdAt: r.created_at,
    createdBy: r.created_by_id === null ? null : { userId: r.created_by_id, name: r.created_by_name ?? '' },
    updatedAt: r.updated_at,
  };
}

/** A coded reason as it is recorded with an event: the code, its label at the time, and the words. */
export interface ResolvedReason {
  code: string;
  label: string;
  text: string | null;
  /** "label: text" (or the label alone): the reason column the audit trail and older readers show. */
  summary: string;
}

export class ReasonCodes {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
  ) {}

  list(input: z.input<typeof reasonCodesListInput> = {}): ReasonCodeView[] {
    const q = parseInput(reasonCodesListInput, input);
    const rows = (this.db.prepare('SELECT * FROM reason_codes ORDER BY retired, label COLLATE NOCASE, id').all() as Row[]).map(view);
    return rows.filter((r) => (q.includeRetired || !r.retired) && (q.use === undefined || r.uses.includes(q.use)));
  }

  get(id: number): ReasonCodeView {
    const r = this.db.prepare('SELECT * FROM reason_codes WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw notFound('reason-code', id, 'id');
    return view(r);
  }

  create(actorOrNull: Actor | null, input: z.input<typeof reasonCodesCreateInput>): ReasonCodeView {
    return adminChange(this.db, actorOrNull, reasonCodesCreateInput, input, (actor, c) => {
      if (this.db.prepare('SELECT 1 FROM reason_codes WHERE code = ?').get(c.code))
        throw refused('conflict', { code: 'reason-code.exists', params: { code: c.code } }, `code: there is already a reason code "${c.code}"`, 'code');
      const at = nowIso(this.clock);
      const id = Number(
        this.db
          .prepare('INSERT INTO reason_codes (code, label, uses, text_required, created_at, created_by_id, created_by_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(c.code, c.label, JSON.stringify(c.uses), c.textRequired ? 1 : 0, at, actor.userId, actor.displayName, at).lastInsertRowid,
      );
      this.audit.append({ actor, action: 'reason_code.create', entity: 'reason_code', entityId: id, oldValue: null, newValue: c });
      return this.get(id);
    });
  }

  update(actorOrNull: Actor | null, input: z.input<typeof reasonCodesUpdateInput>): ReasonCodeView {
    return adminChange(this.db, actorOrNull, reasonCodesUpdateInput, input, (actor, u) => {
      const before = this.get(u.id);
      const after = { label: u.label ?? before.label, uses: u.uses ?? before.uses, textRequired: u.textRequired ?? before.textRequired };
      if (after.label === before.label && after.textRequired === before.textRequired && after.uses.join() === before.uses.join())
        throw refused('conflict', { code: 'reason-code.unchanged', params: { code: before.code } }, `reason code ${before.code} already reads so`);
      this.db
        .prepare('UPDATE reason_codes SET label = ?, uses = ?, text_required = ?, updated_at = ? WHERE id = ?')
        .run(after.label, JSON.stringify(after.uses), after.textRequired ? 1 : 0, nowIso(this.clock), u.id);
      this.audit.append({
        actor,
        action: 'reason_code.update',
        entity: 'reason_code',
        entityId: u.id,
        oldValue: { code: before.code, label: before.label, uses: before.uses, textRequired: before.textRequired },
        newValue: { code: before.code, ...after },
        reason: u.reason,
      });
      return this.get(u.id);
    });
  }

  setRetired(actorOrNull: Actor | null, input: z.input<typeof reasonCodesRetireInput>): ReasonCodeView {
    return adminChange(this.db, actorOrNull, reasonCodesRetireInput, input, (actor, r) => {
      const before = this.get(r.id);
      if (before.retired === r.retired)
        throw refused('conflict', { code: r.retired ? 'reason-code.already-retired' : 'reason-code.not-retired', params: { code: before.code } }, `reason code ${before.code} is ${before.retired ? 'already retired' : 'not retired'}`);
      this.db.prepare('UPDATE reason_codes SET retired = ?, updated_at = ? WHERE id = ?').run(r.retired ? 1 : 0, nowIso(this.clock), r.id);
      this.audit.append({ actor, action: r.retired ? 'reason_code.retire' : 'reason_code.restore', entity: 'reason_code', entityId: r.id, oldValue: { code: before.code, retired: before.retired }, newValue: { code: before.code, retired: r.retired }, reason: r.reason });
      return this.get(r.id);
    });
  }

  /**
   * What a clinician chose, checked: the code exists, is not retired, is meant for this use, and has
   * its words when it needs them. `field` names the input field in a refusal.
   */
  resolve(use: ReasonUse, chosen: CodedReasonInput, field = 'reason'): ResolvedReason {
    const code = chosen.code.trim().toLowerCase();
    const r = this.db.prepare('SELECT * FROM reason_codes WHERE code = ?').get(code) as Row | undefined;
    if (!r) throw refused('validation', { code: 'reason-code.unknown', params: { code } }, `${field}.code: there is no reason code "${code}"`, `${field}.code`);
    const v = view(r);
    if (v.retired) throw refused('validation', { code: 'reason-code.retired', params: { code } }, `${field}.code: the reason code "${code}" is retired`, `${field}.code`);
    if (!v.uses.includes(use)) throw refused('validation', { code: 'reason-code.wrong-use', params: { code, use } }, `${field}.code: "${code}" is not a reason for ${use}`, `${field}.code`);
    const text = chosen.text?.trim() || null;
    if (v.textRequired && text === null) throw refused('validation', { code: 'reason-code.text-required', params: { code } }, `${field}.text: describe the reason ("${v.label}")`, `${field}.text`);
    return { code, label: v.label, text, summary: text === null ? v.label : `${v.label}: ${text}` };
  }
}
