// Line-noise injection: flips one random bit in a chosen fraction of the bytes passing one way.
// Works on a copy so a caller's buffer (perhaps a stored reply about to be re-sent) is never damaged.
import type { Random } from './prng.js';

export class BitFlipper {
  /** Fraction of bytes, 0..1, that get one bit flipped. */
  private fraction = 0;
  corrupted = 0;

  constructor(private readonly random: Random) {}

  setFraction(fraction: number): void {
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`corruption fraction ${fraction} must be within 0..1`);
    this.fraction = fraction;
  }

  get active(): boolean {
    return this.fraction > 0;
  }

  apply(bytes: Uint8Array): Uint8Array {
    if (this.fraction === 0) return bytes;
    const out = Uint8Array.from(bytes);
    for (let i = 0; i < out.length; i++) {
      if (this.random() < this.fraction) {
        out[i] = out[i]! ^ (1 << Math.floor(this.random() * 8));
        this.corrupted++;
      }
    }
    return out;
  }
}
