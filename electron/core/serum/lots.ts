// Serum lots in the room: number and expiry, recorded at preparation by clinicians or admins and
// audited. An expired lot is refused at entry; checkSerumUse refuses it again at use (it may expire
// between the two).
import { addLotInput, listLotsInput, type LotView } from '../../contract/serum.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../errors.js';
import type { AuditSink } from '../patients/auditSink.js';
import { nowIso, todayIso } from '../patients/dates.js';
import { atomically } from '../audit/atomically.js';
import { parseInput, requireActor } from '../patients/validate.js';
import type { Db } from '../storage/db.js';
import type { SerumLibrary } from './library.js';
import { insertLot, lotById, lotByNumber, lotsOf } from './repository.js';

export class SerumLots {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditSink,
    private readonly clock: Clock,
    private readonly library: SerumLibrary,
  ) {}

  list(input: z.input<typeof listLotsInput>): LotView[] {
    const q = parseInput(listLotsInput, input);
    this.library.get({ serumId: q.serumId });
    return lotsOf(this.db, q.serumId, todayIso(this.clock), q.includeExpired);
  }

  lot(lotId: number): LotView {
    const l = lotById(this.db, lotId, todayIso(this.clock));
    if (!l) throw new CoreError('not-found', `No serum lot with id ${lotId}.`);
    return l;
  }

  /** The lot of this serum with this number (case-insensitive), as the preparation step matches a vial. */
  findLot(serumId: number, lotNumber: string): LotView | null {
    return lotByNumber(this.db, serumId, lotNumber.trim(), todayIso(this.clock));
  }

  /** Records a lot; recording the same lot again with the same expiry returns the existing record. */
  add(actorOrNull: Actor | null, input: z.input<typeof addLotInput>): LotView {
    const actor = requireActor(actorOrNull);
    const l = parseInput(addLotInput, input);
    const today = todayIso(this.clock);
    return atomically(this.db, () => {
      const serum = this.library.get({ serumId: l.serumId }).latest;
      const existing = lotByNumber(this.db, l.serumId, l.lotNumber, today);
      if (existing) {
        if (existing.expiryDate === l.expiryDate) return existing;
        throw new CoreError('conflict', `expiryDate: lot ${existing.lotNumber} of ${serum.name} is on file with expiry ${existing.expiryDate}`, 'expiryDate');
      }
      if (l.expiryDate < today) throw new CoreError('blocked', `expiryDate: Lot ${l.lotNumber} expired on ${l.expiryDate}`, 'expiryDate');
      const id = insertLot(this.db, { serumId: l.serumId, lotNumber: l.lotNumber, expiryDate: l.expiryDate, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock) });
      this.audit.append({ actor, action: 'serum_lot.add', entity: 'serum_lot', entityId: id, oldValue: null, newValue: { serumId: l.serumId, serumName: serum.name, lotNumber: l.lotNumber, expiryDate: l.expiryDate } });
      return this.lot(id);
    });
  }
}
