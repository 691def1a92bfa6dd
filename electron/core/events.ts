// A typed event emitter for what the core pushes to windows (StationEvents in the contract).
import { EventEmitter } from 'node:events';
import type { StationEvents } from '../contract/station.js';

export class TypedEvents<M extends object> {
  private readonly emitter = new EventEmitter();

  on<K extends keyof M & string>(event: K, listener: (payload: M[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<K extends keyof M & string>(event: K, payload: M[K]): void {
    this.emitter.emit(event, payload);
  }
}

export type StationEventEmitter = TypedEvents<StationEvents>;
