// The gun's end of the serial line: the station, when one is on the line, the frame decoder, and
// the line noise injected each way. Bytes in become frames (or decoder errors); frames out become
// bytes, noise applied.
import { FrameDecoder, type Frame } from '../protocol/index.js';
import { BitFlipper } from './corruption.js';
import { substream } from './prng.js';

export type SendFn = (bytes: Uint8Array) => void;

export class GunLine {
  framesBad = 0;
  private sendFn: SendFn | null = null;
  private decoder = new FrameDecoder('station');
  private readonly toStation: BitFlipper;
  private readonly fromStation: BitFlipper;

  constructor(seed: number) {
    this.toStation = new BitFlipper(substream(seed, 2));
    this.fromStation = new BitFlipper(substream(seed, 3));
  }

  /** A station is on the line: bytes for it go to `send`. */
  connect(send: SendFn): void {
    this.sendFn = send;
    this.decoder.reset();
  }

  disconnect(): void {
    this.sendFn = null;
    this.decoder.reset();
  }

  get connected(): boolean {
    return this.sendFn !== null;
  }

  /** Bytes from the station: the frames among them (decoder errors are counted in `framesBad`). */
  receive(bytes: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    for (const r of this.decoder.push(this.fromStation.apply(bytes))) {
      if (r.ok) frames.push(r.frame);
      else this.framesBad++;
    }
    return frames;
  }

  transmit(bytes: Uint8Array): void {
    if (this.sendFn) this.sendFn(this.toStation.apply(bytes));
  }

  /** A power cycle loses whatever half frame the decoder held. */
  resetDecoder(): void {
    this.decoder = new FrameDecoder('station');
  }

  setCorruption(c: { toStation?: number; fromStation?: number }): void {
    if (c.toStation !== undefined) this.toStation.setFraction(c.toStation);
    if (c.fromStation !== undefined) this.fromStation.setFraction(c.fromStation);
  }

  get bytesCorrupted(): number {
    return this.toStation.corrupted + this.fromStation.corrupted;
  }
}
