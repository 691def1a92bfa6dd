// Finds the gun's serial port by USB vendor/product id (and serial number when one is given).
// `SerialPort.list()` shells out to `udevadm` on Linux: its rejection is always caught here and
// turned into a LinkError that says what to install. A socat pty is never listed, so an explicit
// path bypasses discovery entirely (see GunLink's `path` option).
import { SerialPort } from 'serialport';
import { LinkError } from './errors.js';

export interface UsbId {
  /** Hex, as `SerialPort.list()` reports it (case does not matter). */
  vendorId: string;
  productId: string;
}

export interface PortInfoLike {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
}

export type PortLister = () => Promise<readonly PortInfoLike[]>;

export interface DiscoveryOptions {
  ids: readonly UsbId[];
  /** When given, only a port with this USB serial number matches. */
  serialNumber?: string;
  /** For tests; defaults to `SerialPort.list`. */
  list?: PortLister;
}

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase().replace(/^0x/, '');

export function matchesGun(info: PortInfoLike, ids: readonly UsbId[], serialNumber?: string): boolean {
  const idOk = ids.some((id) => norm(id.vendorId) === norm(info.vendorId) && norm(id.productId) === norm(info.productId));
  return idOk && (serialNumber === undefined || info.serialNumber === serialNumber);
}

export function describeListError(err: unknown): LinkError {
  const e = err as NodeJS.ErrnoException;
  const text = `${e?.code ?? ''} ${e?.message ?? String(err)}`;
  if (/ENOENT|udevadm/i.test(text))
    return new LinkError('udev-missing', 'Cannot list serial ports: udevadm is missing. Install udev (sudo apt-get install udev).');
  if (/EACCES|EPERM/i.test(text))
    return new LinkError('port-permission', 'No permission to list serial ports. Join the dialout group: sudo usermod -aG dialout $USER, then log out and in again.');
  return new LinkError('port-not-found', `Cannot list serial ports: ${e?.message ?? String(err)}`);
}

/** Resolves with the path of the first matching port, or rejects with a LinkError (never an untyped rejection). */
export async function discoverGunPort(opts: DiscoveryOptions): Promise<string> {
  const list = opts.list ?? (() => SerialPort.list());
  let ports: readonly PortInfoLike[];
  try {
    ports = await list();
  } catch (err) {
    throw describeListError(err);
  }
  const found = ports.filter((p) => matchesGun(p, opts.ids, opts.serialNumber)).sort((a, b) => a.path.localeCompare(b.path));
  const first = found[0];
  if (!first) {
    const what = opts.ids.map((id) => `${id.vendorId}:${id.productId}`).join(', ');
    const sn = opts.serialNumber ? ` with serial number ${opts.serialNumber}` : '';
    throw new LinkError('port-not-found', `No gun found (USB id ${what || 'none configured'}${sn}). Is it plugged in and switched on?`);
  }
  return first.path;
}
