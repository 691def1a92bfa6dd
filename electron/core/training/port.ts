// What the core needs from the host for training mode: the simulated gun's display and trigger, and
// the switch between modes (a new core on the other data folder). The host implements it
// (electron/host/runtime.ts); without one, the station is clinical and training is not available.
import type { StationMode } from '../../contract/station.js';
import type { SimulatorDisplay } from '../../contract/training.js';

export interface TrainingPort {
  readonly mode: StationMode;
  /** The built-in simulated gun's display; null when it runs in another process (or in clinical mode). */
  simulator(): SimulatorDisplay | null;
  /** The on-screen trigger of `connectionId` held or released; a closed connection releases it. */
  trigger(held: boolean, connectionId: string): void;
  connectionClosed(connectionId: string): void;
  /** Restarts the core in `mode` once the current call has answered. */
  switchTo(mode: StationMode): void;
  /** Called when the simulator's display changes. */
  onChanged(listener: () => void): () => void;
}
