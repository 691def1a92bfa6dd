// The byte pipe under a link. GunLink talks to this small interface, never to `serialport` directly,
// so unit tests can feed exact bytes through an in-process fake and a real port stays one adapter.
import { SerialPort } from 'serialport';
import { LinkError } from './errors.js';

export interface PortEvents {
  data(chunk: Uint8Array): void;
  /** The port is gone: unplugged, closed under us, or a stream error. Called at most once. */
  closed(reason: string): void;
}

export interface LinkPort {
  /** Writes one buffer; `done` may never be called after an unplug, so callers own a timeout. */
  write(bytes: Uint8Array, done: (err: Error | null | undefined) => void): void;
  /** Best effort and idempotent; never throws. */
  close(): void;
}

export type PortFactory = (path: string, events: PortEvents) => Promise<LinkPort>;

/** Turns an error from opening a port into one that names the fix. */
export function describeOpenError(err: unknown, path: string): LinkError {
  const e = err as NodeJS.ErrnoException;
  const text = `${e?.code ?? ''} ${e?.message ?? String(err)}`;
  if (/EACCES|EPERM|permission denied/i.test(text))
    return new LinkError(
      'port-permission',
      `No permission to open ${path}. Join the dialout group: sudo usermod -aG dialout $USER, then log out and in again.`,
    );
  if (/ENOENT|no such file/i.test(text)) return new LinkError('port-not-found', `Serial port ${path} does not exist (gun unplugged?).`);
  if (/EBUSY|lock/i.test(text)) return new LinkError('port-busy', `Serial port ${path} is in use by another program.`);
  return new LinkError('port-not-found', `Could not open ${path}: ${e?.message ?? String(err)}`);
}

/** Opens a real serial port (or a socat pty) with `serialport`. */
export const serialPortFactory: PortFactory = (path, events) =>
  new Promise<LinkPort>((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    let opened = false;
    let gone = false;
    const goneOnce = (reason: string) => {
      if (gone || !opened) return;
      gone = true;
      events.closed(reason);
    };
    port.on('data', (chunk: Buffer) => events.data(chunk));
    // An 'error' with no listener would kill the process; for a link it just means the port is gone.
    port.on('error', (err: Error) => goneOnce(`port error: ${err.message}`));
    port.on('close', (err?: Error & { disconnected?: boolean }) =>
      goneOnce(err?.disconnected ? 'unplugged' : err ? `port closed: ${err.message}` : 'port closed'),
    );
    port.open((err) => {
      if (err) return reject(describeOpenError(err, path));
      opened = true;
      resolve({
        write: (bytes, done) => {
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), done);
        },
        close: () => {
          gone = true;
          if (port.isOpen) port.close(() => undefined);
        },
      });
    });
  });
