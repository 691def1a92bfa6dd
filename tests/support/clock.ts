// The one test clock: the station's Clock whose time a test sets and moves. Every fixture that needs
// a moving "now" takes one of these (or a fixed `{ now: () => t }` when time never moves).
import type { Clock } from '../../electron/core/clock.js';

export class TestClock implements Clock {
  /** Epoch ms the station reads as now. */
  constructor(public t = Date.UTC(2025, 0, 15, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
