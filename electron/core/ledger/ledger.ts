// The dose ledger: the station's DoseSink. A batch from the link is one transaction (records, their
// attribution and their audit rows commit together, fsynced by synchronous=FULL) and the promise
// resolves only after COMMIT, because the link then acknowledges the records and the gun forgets them.
import type { DoseRecord, DoseSink } from '../../../device/link/index.js';
import type { UnattributedRecordView } from '../../contract/sessions.js';
import type { Clock } from '../clock.js';
import type { CoreEvents, Publisher } from '../bus.js';
import { inTransaction, type Db } from '../storage/db.js';
import { heldInRange, highestContiguous, insertDose, isHeld, listUnattributed, maxRecordId } from './doseTable.js';
import type { AttributionResult, AttributionSource, AuditPort, CommittedDose } from './types.js';

/** Until the workflow registers itself, every record is kept as unattributed (never dropped). */
const NO_WORKFLOW: AttributionSource = { attribute: () => ({ unattributed: 'no session workflow running' }) };

export class Ledger implements DoseSink {
  private source: AttributionSource = NO_WORKFLOW;
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    /** Where each COMMIT's new records are published ('ledger.committed'), synchronously after it. */
    private readonly bus: Publisher<Pick<CoreEvents, 'ledger.committed'>>,
  ) {}

  setAttributionSource(source: AttributionSource): void {
    this.source = source;
  }

  commit(records: readonly DoseRecord[]): Promise<readonly DoseRecord[]> {
    try {
      const committed = this.commitSync(records);
      return Promise.resolve(committed.map((c) => c.record));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** The synchronous body of commit, also used by the benchmark and the tests. */
  commitSync(records: readonly DoseRecord[]): CommittedDose[] {
    if (records.length === 0) return [];
    const now = this.clock.now();
    const committed = inTransaction(this.db, () => {
      const out: CommittedDose[] = [];
      for (const record of records) {
        // Attribution is asked only for rows not yet held, so a replay never re-attributes.
        if (isHeld(this.db, record.gunSerial, record.recordId)) continue;
        const result: AttributionResult = this.source.attribute(record);
        const rowId = insertDose(this.db, record, result, now);
        if (rowId === null) continue;
        this.auditDose(rowId, record, result);
        out.push({ rowId, record, result });
      }
      return out;
    });
    // The bus keeps a listener's failure from turning a durable commit into a rejection: the gun
    // would resend records we already hold.
    if (committed.length > 0) this.bus.emit('ledger.committed', committed);
    return committed;
  }

  highestContiguousRecordId(gunSerial: string): Promise<number> {
    return Promise.resolve(highestContiguous(this.db, gunSerial));
  }

  maxRecordId(gunSerial: string): number {
    return maxRecordId(this.db, gunSerial);
  }

  heldInRange(gunSerial: string, afterId: number, throughId: number): number {
    return heldInRange(this.db, gunSerial, afterId, throughId);
  }

  unattributed(limit: number, offset: number): UnattributedRecordView[] {
    return listUnattributed(this.db, limit, offset);
  }

  private auditDose(rowId: number, r: DoseRecord, result: AttributionResult): void {
    const base = { gunSerial: r.gunSerial, recordId: r.recordId, deliveredNl: r.deliveredNl, commandedNl: r.commandedNl, fault: r.fault };
    if ('attributed' in result) {
      const a = result.attributed;
      this.audit.append({
        actor: a.clinician,
        action: 'dose.recorded',
        entity: 'dose_record',
        entityId: rowId,
        newValue: { ...base, sessionId: a.sessionId, zone: a.zone, lotNumber: a.lotNumber },
      });
    } else {
      this.audit.append({ actor: null, action: 'dose.unattributed', entity: 'dose_record', entityId: rowId, newValue: base, reason: result.unattributed });
    }
  }
}
