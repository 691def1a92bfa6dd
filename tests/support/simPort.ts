// The simulator's gun model on an in-process "cable": a PortFactory for GunLink whose far end is a
// GunModel, with real timers. The whole chain (gun -> link -> ledger -> workflow) runs in one process
// without socat, so a test can corrupt or withhold the gun's bytes and still read the gun's own log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortFactory } from '../../device/link/index.js';
import { GunModel, type GunModelOptions } from '../../device/sim/gunModel.js';

export interface SimCable {
  gun: GunModel;
  factory: PortFactory;
  /** While true, every byte from the gun to the station is dropped (a cable that only talks one way). */
  muteToStation: boolean;
  close(): void;
}

export function simCable(opts: Partial<GunModelOptions> = {}): SimCable {
  const stateFile = opts.stateFile ?? join(mkdtempSync(join(tmpdir(), 'sim-cable-')), 'gun-state.jsonl');
  const gun = new GunModel({ ...opts, stateFile });
  const cable: SimCable = {
    gun,
    muteToStation: false,
    factory: async (_path, events) => {
      let open = true;
      // Asynchronous both ways, as on a real port: a reply never arrives inside the write that caused it.
      gun.connect((bytes) => {
        const copy = Uint8Array.from(bytes);
        setImmediate(() => open && !cable.muteToStation && events.data(copy));
      });
      return {
        write: (bytes, done) => {
          const copy = Uint8Array.from(bytes);
          setImmediate(() => {
            if (open) gun.receive(copy);
            done(null);
          });
        },
        close: () => {
          if (!open) return;
          open = false;
          gun.disconnect();
        },
      };
    },
    close: () => gun.close(),
  };
  return cable;
}
