// Serum lots in the room. Admins receive them (number, expiry, quantity, supplier); clinicians load
// only received lots, confirming the expiry printed on the vial. A lot can be quarantined (held,
// releasable) or recalled (final): either blocks its use, with the reason shown. Every change is
// audited in the same transaction.
import { lotRecipientsInput, listLotsInput, receiveLotInput, setLotStatusInput, type LotRecipient, type LotView } from '../../contract/serum.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { found, refused } from '../errors.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso, todayIso } from '../patients/dates.js';
import { adminChange, parseInput } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import type { SerumLibrary } from './library.js';
import { insertLot, insertLotStatus, lotById, lotByNumber, lotRecipients, lotsOf } from './repository.js';

export class SerumLots {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly library: SerumLibrary,
  ) {}

  list(input: z.input<typeof listLotsInput>): LotView[] {
    const q = parseInput(listLotsInput, input);
    this.library.get({ serumId: q.serumId });
    return lotsOf(this.db, q.serumId, todayIso(this.clock), q.includeExpired);
  }

  lot(lotId: number): LotView {
    return found(lotById(this.db, lotId, todayIso(this.clock)), 'serum-lot', lotId, 'lotId');
  }

  /** The received lot of this serum with this number (case-insensitive), as the preparation step matches a vial. */
  findLot(serumId: number, lotNumber: string): LotView | null {
    return lotByNumber(this.db, serumId, lotNumber.trim(), todayIso(this.clock));
  }

  /** An admin receives a lot; the same lot received again is refused (its stock is one record). */
  receive(actorOrNull: Actor | null, input: z.input<typeof receiveLotInput>): LotView {
    return adminChange(this.db, actorOrNull, receiveLotInput, input, (actor, l) => {
      const today = todayIso(this.clock);
      const serum = this.library.get({ serumId: l.serumId }).latest;
      const existing = lotByNumber(this.db, l.serumId, l.lotNumber, today);
      if (existing)
        throw refused('conflict', { code: 'lot.already-received', params: { lot: existing.lotNumber, serum: serum.name, expiry: existing.expiryDate } }, `lotNumber: lot ${existing.lotNumber} of ${serum.name} is already received`, 'lotNumber');
      if (l.expiryDate < today) throw refused('blocked', { code: 'lot.expired', params: { lot: l.lotNumber, expiry: l.expiryDate } }, `expiryDate: Lot ${l.lotNumber} expired on ${l.expiryDate}`, 'expiryDate');
      const id = insertLot(this.db, { ...l, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock) });
      this.audit.append({ actor, action: 'serum_lot.receive', entity: 'serum_lot', entityId: id, oldValue: null, newValue: { serumId: l.serumId, serumName: serum.name, lotNumber: l.lotNumber, expiryDate: l.expiryDate, quantity: l.quantity, supplier: l.supplier } });
      return this.lot(id);
    });
  }

  /** Quarantine, recall or release a lot, with the reason. A recall is final. */
  setStatus(actorOrNull: Actor | null, input: z.input<typeof setLotStatusInput>): LotView {
    return adminChange(this.db, actorOrNull, setLotStatusInput, input, (actor, c) => {
      const before = this.lot(c.lotId);
      if (before.status === 'recalled') throw refused('conflict', { code: 'lot.recall-final', params: { lot: before.lotNumber } }, `lot ${before.lotNumber} is recalled; a recall is final`, 'status');
      if (before.status === c.status) throw refused('conflict', { code: 'lot.status-unchanged', params: { lot: before.lotNumber, status: c.status } }, `lot ${before.lotNumber} is already ${c.status}`, 'status');
      insertLotStatus(this.db, { lotId: c.lotId, status: c.status, reason: c.reason, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock) });
      this.audit.append({ actor, action: `serum_lot.${c.status === 'released' ? 'release' : c.status === 'quarantined' ? 'quarantine' : 'recall'}`, entity: 'serum_lot', entityId: c.lotId, oldValue: { status: before.status }, newValue: { status: c.status, lotNumber: before.lotNumber }, reason: c.reason });
      return this.lot(c.lotId);
    });
  }

  /** Patients who received doses from the lot, with their contact details (the recall list). */
  recipients(input: z.input<typeof lotRecipientsInput>): LotRecipient[] {
    const { lotId } = parseInput(lotRecipientsInput, input);
    this.lot(lotId);
    return lotRecipients(this.db, lotId);
  }
}
