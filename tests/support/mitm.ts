// A man in the middle on the serial line: it sits between two socat pty pairs, the station's and the
// gun's, and passes frames each way, and can drop, modify (flip bits, the CRC still right or not),
// reorder, inject and replay them. It is what a local process with access to the serial device, or
// an inline USB device, can do. The station opens `stationPath`; the MITM opens the far end of that
// pair and the gun harness's station end. Either cable may be pulled: the MITM reopens its ends.
import { mkdirSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { cobsDecode, cobsEncode, crc32, decodeFrame, type Frame } from '../../device/protocol/index.js';
import { mulberry32, PtyPair, type SimulatedGun } from '../../device/sim/index.js';

export type Direction = 'toGun' | 'toStation';

export interface LinePolicy {
  /** Fraction of frames dropped. */
  drop?: number;
  /** Fraction of bytes with one bit flipped (line noise: the CRC catches it). */
  corrupt?: number;
  /** Fraction of frames held back and sent after the next one. */
  reorder?: number;
  /** Drops every frame this predicate picks (e.g. every RECORD_ACK, so records stay unacknowledged). */
  block?: (frame: Frame) => boolean;
}

/** One frame as it passed, wire bytes (COBS and delimiter included) and decoded when it could be. */
export interface Passed {
  wire: Uint8Array;
  frame: Frame | null;
  /** Passed on as it came (not dropped, blocked or altered). */
  delivered: boolean;
}

const REOPEN_MS = 50;

/** Re-frames raw frame bytes (header .. trailer, CRC excluded) with a correct CRC: a forger's frame. */
export function withCrc(rawWithoutCrc: Uint8Array): Uint8Array {
  const raw = new Uint8Array(rawWithoutCrc.length + 4);
  raw.set(rawWithoutCrc);
  new DataView(raw.buffer).setUint32(rawWithoutCrc.length, crc32(rawWithoutCrc), true);
  const stuffed = cobsEncode(raw);
  const wire = new Uint8Array(stuffed.length + 1);
  wire.set(stuffed);
  return wire;
}

/** A genuine frame with one bit of its header, payload or trailer flipped, and the CRC made right again. */
export function tamper(wire: Uint8Array, bit: number): Uint8Array {
  const raw = cobsDecode(wire.subarray(0, -1));
  if (!raw) throw new Error('not a frame');
  const body = raw.slice(0, raw.length - 4);
  const at = Math.floor(bit / 8) % body.length;
  body[at] = body[at]! ^ (1 << (bit % 8));
  return withCrc(body);
}

/** The frame in `wire` without its trailer: what a forger who cannot compute tags sends. */
export function stripTag(wire: Uint8Array): Uint8Array {
  const raw = cobsDecode(wire.subarray(0, -1))!;
  const length = new DataView(raw.buffer, raw.byteOffset).getUint16(4, true);
  return withCrc(raw.slice(0, 6 + length));
}

class ReopeningPort {
  private port: SerialPort | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly onData: (chunk: Buffer) => void,
  ) {}

  get open(): boolean {
    return this.port !== null;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.tryOpen(resolve));
  }

  write(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes), () => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private tryOpen(opened?: () => void): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.path, baudRate: 115_200, autoOpen: false });
    port.open((err) => {
      if (err || this.stopped) {
        this.timer = setTimeout(() => this.tryOpen(opened), REOPEN_MS);
        return;
      }
      this.port = port;
      port.on('data', this.onData);
      const lost = () => {
        if (this.port !== port) return;
        this.port = null;
        if (port.isOpen) port.close(() => undefined);
        this.timer = setTimeout(() => this.tryOpen(), REOPEN_MS);
      };
      port.on('close', lost);
      port.on('error', lost);
      opened?.();
    });
  }
}

class Pipe {
  readonly passed: Passed[] = [];
  policy: LinePolicy = {};
  frames = 0;
  dropped = 0;
  private partial: number[] = [];
  private held: Uint8Array | null = null;

  constructor(
    private readonly out: () => ReopeningPort,
    private readonly rand: () => number,
    private readonly acceptFrom: 'gun' | 'station',
  ) {}

  push(chunk: Buffer): void {
    for (const byte of chunk) {
      this.partial.push(byte);
      if (byte !== 0) continue;
      const wire = Uint8Array.from(this.partial);
      this.partial = [];
      if (wire.length > 1) this.frame(wire);
    }
  }

  write(wire: Uint8Array): void {
    this.out().write(wire);
  }

  private frame(wire: Uint8Array): void {
    this.frames++;
    const decoded = decodeFrame(wire.subarray(0, -1), this.acceptFrom);
    const frame = decoded.ok ? decoded.frame : null;
    const passed: Passed = { wire, frame, delivered: false };
    this.passed.push(passed);
    const p = this.policy;
    if ((frame && p.block?.(frame)) || this.rand() < (p.drop ?? 0)) {
      this.dropped++;
      return;
    }
    const sent = p.corrupt ? this.noise(wire, p.corrupt) : wire;
    passed.delivered = sent === wire;
    if (!this.held && this.rand() < (p.reorder ?? 0)) {
      this.held = sent;
      return;
    }
    this.write(sent);
    if (this.held) {
      this.write(this.held);
      this.held = null;
    }
  }

  /** The frame with a bit flipped in `fraction` of its bytes; the same array when none was. */
  private noise(wire: Uint8Array, fraction: number): Uint8Array {
    let out = wire;
    for (let i = 0; i < wire.length - 1; i++) {
      if (this.rand() >= fraction) continue;
      if (out === wire) out = Uint8Array.from(wire);
      out[i] = out[i]! ^ (1 << Math.floor(this.rand() * 8));
    }
    return out;
  }
}

export class ManInTheMiddle {
  private readonly pipes: Record<Direction, Pipe>;

  private constructor(
    private readonly pair: PtyPair,
    private readonly stationSide: ReopeningPort,
    private readonly gunSide: ReopeningPort,
    pipes: (m: ManInTheMiddle) => Record<Direction, Pipe>,
  ) {
    this.pipes = pipes(this);
  }

  /** Puts a MITM in front of `gun`; the station must open `stationPath` instead of the gun's. */
  static async start(gun: SimulatedGun, opts: { dir?: string; seed?: number } = {}): Promise<ManInTheMiddle> {
    if (opts.dir) mkdirSync(opts.dir, { recursive: true });
    const pair = new PtyPair(opts.dir);
    await pair.plug();
    const rand = mulberry32(opts.seed ?? 1);
    let m: ManInTheMiddle | null = null;
    const stationSide = new ReopeningPort(pair.gunPath, (c) => m!.pipes.toGun.push(c));
    const gunSide = new ReopeningPort(gun.stationPath, (c) => m!.pipes.toStation.push(c));
    m = new ManInTheMiddle(pair, stationSide, gunSide, () => ({
      toGun: new Pipe(() => gunSide, rand, 'station'),
      toStation: new Pipe(() => stationSide, rand, 'gun'),
    }));
    await Promise.all([stationSide.start(), gunSide.start()]);
    return m;
  }

  get stationPath(): string {
    return this.pair.stationPath;
  }

  /** Both ends are open: frames can pass. */
  get connected(): boolean {
    return this.stationSide.open && this.gunSide.open;
  }

  policy(direction: Direction, policy: LinePolicy): void {
    this.pipes[direction].policy = policy;
  }

  /** Every frame that reached the MITM going that way (before it dropped, altered or held any). */
  passed(direction: Direction): readonly Passed[] {
    return this.pipes[direction].passed;
  }

  /** The last genuine frame of this type that was delivered that way, as wire bytes (to replay it). */
  lastGenuine(direction: Direction, type: Frame['message']['type']): Uint8Array | undefined {
    return [...this.pipes[direction].passed].reverse().find((p) => p.delivered && p.frame?.message.type === type)?.wire;
  }

  /** Puts bytes on the line towards the gun or the station. */
  inject(direction: Direction, wire: Uint8Array): void {
    this.pipes[direction].write(wire);
  }

  stats(direction: Direction): { frames: number; dropped: number } {
    return { frames: this.pipes[direction].frames, dropped: this.pipes[direction].dropped };
  }

  /** Pulls the station's cable (kills the station-side socat). */
  async unplugStation(): Promise<void> {
    await this.pair.unplug();
  }

  async replugStation(): Promise<void> {
    await this.pair.plug();
  }

  async stop(): Promise<void> {
    await Promise.all([this.stationSide.stop(), this.gunSide.stop()]);
    await this.pair.dispose();
  }
}
