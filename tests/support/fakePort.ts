// An in-process serial port for link unit tests (Betaflight MSP style): the test feeds the exact
// bytes a gun would send and reads back the exact bytes the station wrote. Writes can be made to
// fail or to never call back, as serialport's write does after an unplug.
import { encodeFrame, FrameDecoder, type Frame, type Message } from '../../device/protocol/index.js';
import type { LinkPort, PortEvents, PortFactory } from '../../device/link/index.js';

export type WriteMode = 'ok' | 'never' | 'error';

export class FakePort {
  /** Every buffer the station wrote, in order, across connections. */
  readonly writes: Uint8Array[] = [];
  readonly opened: string[] = [];
  writeMode: WriteMode = 'ok';
  /** Makes the next open fail with this error (then clears it). */
  openError: Error | null = null;
  isOpen = false;
  closes = 0;
  /** Called (in a microtask) for every frame the station writes: a scripted gun answers here. */
  onStationFrame: ((frame: Frame) => void) | null = null;
  private readonly liveDecoder = new FrameDecoder('station');
  private events: PortEvents | null = null;
  private readonly decoder = new FrameDecoder('station');
  private decodedUpTo = 0;
  private readonly frameLog: Frame[] = [];

  readonly factory: PortFactory = async (path: string, events: PortEvents): Promise<LinkPort> => {
    if (this.openError) {
      const e = this.openError;
      this.openError = null;
      throw e;
    }
    this.opened.push(path);
    this.events = events;
    this.isOpen = true;
    return {
      write: (bytes, done) => {
        this.writes.push(Uint8Array.from(bytes));
        const listener = this.onStationFrame;
        if (listener) {
          const frames = this.liveDecoder.push(bytes).flatMap((r) => (r.ok ? [r.frame] : []));
          queueMicrotask(() => frames.forEach((f) => listener(f)));
        }
        if (this.writeMode === 'ok') queueMicrotask(() => done(null));
        else if (this.writeMode === 'error') queueMicrotask(() => done(new Error('EIO: i/o error')));
        // 'never': the callback is never called.
      },
      close: () => {
        if (this.isOpen) this.closes++;
        this.isOpen = false;
        this.events = null;
      },
    };
  };

  /** Bytes from the gun to the station. */
  feed(bytes: Uint8Array): void {
    this.events?.data(bytes);
  }

  /** One frame from the gun: a reply when `ack` is given, else an event. */
  send(message: Message, ack = 0): void {
    this.feed(encodeFrame({ seq: 0, ack, message }));
  }

  /** The cable is pulled: serialport emits close with disconnected: true. */
  unplug(): void {
    const ev = this.events;
    this.isOpen = false;
    this.events = null;
    ev?.closed('unplugged');
  }

  /** Every frame the station has written so far, decoded. */
  get frames(): Frame[] {
    while (this.decodedUpTo < this.writes.length) {
      for (const r of this.decoder.push(this.writes[this.decodedUpTo++]!)) if (r.ok) this.frameLog.push(r.frame);
    }
    return this.frameLog;
  }

  /** Frames written by the station other than heartbeats. */
  get requests(): Frame[] {
    return this.frames.filter((f) => f.message.type !== 'HEARTBEAT' && f.message.type !== 'RECORD_ACK');
  }

  lastRequest(): Frame | undefined {
    return this.requests.at(-1);
  }

  acks(): number[] {
    return this.frames.flatMap((f) => (f.message.type === 'RECORD_ACK' ? [f.message.recordId] : []));
  }
}
