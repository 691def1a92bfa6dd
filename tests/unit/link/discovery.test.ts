// Port discovery with an injected `list`: filtering by USB id and serial number, and the messages an
// operator sees when udev is missing or the user lacks the dialout group.
import { describe, expect, it } from 'vitest';
import { describeListError, discoverGunPort, matchesGun } from '../../../device/link/discovery.js';
import { describeOpenError } from '../../../device/link/port.js';

const IDS = [{ vendorId: '1209', productId: 'A9E5' }];
const PORTS = [
  { path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'FTDI1' },
  { path: '/dev/ttyACM1', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-0002' },
  { path: '/dev/ttyACM0', vendorId: '1209', productId: 'a9e5', serialNumber: 'MG9-0001' },
  { path: '/dev/ttyS0' },
];

describe('discoverGunPort', () => {
  it('matches vendor/product id case-insensitively and picks the first path', async () => {
    await expect(discoverGunPort({ ids: IDS, list: async () => PORTS })).resolves.toBe('/dev/ttyACM0');
  });

  it('matches the serial number when one is given', async () => {
    await expect(discoverGunPort({ ids: IDS, serialNumber: 'MG9-0002', list: async () => PORTS })).resolves.toBe('/dev/ttyACM1');
    await expect(discoverGunPort({ ids: IDS, serialNumber: 'MG9-9999', list: async () => PORTS })).rejects.toMatchObject({
      code: 'port-not-found',
      message: expect.stringMatching(/MG9-9999/),
    });
  });

  it('says no gun is found when nothing matches', async () => {
    await expect(discoverGunPort({ ids: IDS, list: async () => [PORTS[0]!] })).rejects.toMatchObject({
      code: 'port-not-found',
      message: expect.stringMatching(/1209:A9E5.*plugged in/),
    });
  });

  it('turns a missing udevadm into "install udev", never an unhandled rejection', async () => {
    const enoent = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    await expect(discoverGunPort({ ids: IDS, list: () => Promise.reject(enoent) })).rejects.toMatchObject({
      code: 'udev-missing',
      message: expect.stringMatching(/[Ii]nstall udev/),
    });
    expect(describeListError(new Error('Command failed: udevadm info -e')).code).toBe('udev-missing');
  });

  it('matchesGun accepts 0x-prefixed ids', () => {
    expect(matchesGun({ path: 'x', vendorId: '0x1209', productId: '0XA9E5' }, IDS)).toBe(true);
    expect(matchesGun({ path: 'x', vendorId: '1209', productId: 'a9e6' }, IDS)).toBe(false);
  });
});

describe('describeOpenError', () => {
  it('names the dialout fix for EACCES and EPERM', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const e = describeOpenError(Object.assign(new Error(`Error: ${code}: permission denied, open '/dev/ttyACM0'`), { code }), '/dev/ttyACM0');
      expect(e.code).toBe('port-permission');
      // The code is asserted above; the link words the fix itself (the no-gun screen shows this text), so the command it gives is checked too.
      expect(e.message).toContain('sudo usermod -aG dialout $USER');
      expect(e.message).toMatch(/log out and in again/);
    }
  });

  it('reports a missing path and a locked port', () => {
    expect(describeOpenError(new Error('Error: No such file or directory, cannot open /tmp/x'), '/tmp/x').code).toBe('port-not-found');
    expect(describeOpenError(new Error('Error Resource temporarily unavailable Cannot lock port'), '/tmp/x').code).toBe('port-busy');
  });
});
