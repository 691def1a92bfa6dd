// How a key file's bytes are protected at rest, on top of the file's 0600 mode in a 0700 folder:
//   none         the mode bits alone (the browser host's default)
//   secret       AES-256-GCM under a 32-byte secret from the environment (MESO_KEYSTORE_SECRET), for
//                a host whose service manager hands it a secret the disk never holds
//   safeStorage  Electron's safeStorage (the OS keychain; DPAPI on Windows), built in main.ts
// The key's name is bound into each sealed file (GCM's associated data), so files cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Sealer {
  /** Written into each key file; a file sealed another way is refused by name. */
  readonly kind: string;
  /** For messages: "sealed with the secret in MESO_KEYSTORE_SECRET". */
  readonly describe: string;
  seal(plain: Buffer, name: string): Buffer;
  /** Throws when the bytes were not sealed by this sealer (wrong secret, another machine). */
  open(sealed: Buffer, name: string): Buffer;
}

export const SECRET_ENV = 'MESO_KEYSTORE_SECRET';

export const plainSealer: Sealer = {
  kind: 'none',
  describe: 'owner-only files (mode 0600)',
  seal: (b) => Buffer.from(b),
  open: (b) => Buffer.from(b),
};

const IV = 12;
const TAG = 16;

export function secretSealer(secret: Buffer, source = SECRET_ENV): Sealer {
  if (secret.length !== 32) throw new Error(`${source} must hold 32 bytes (base64 or hex); it holds ${secret.length}`);
  const key = Buffer.from(secret);
  const aad = (name: string) => Buffer.from(`meso-station key ${name}`);
  return {
    kind: 'aes-256-gcm',
    describe: `files sealed with the secret in ${source}`,
    seal(plain, name) {
      const iv = randomBytes(IV);
      const c = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(name));
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    open(sealed, name) {
      if (sealed.length < IV + TAG) throw new Error('too short to be sealed');
      const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV)).setAAD(aad(name));
      d.setAuthTag(sealed.subarray(IV, IV + TAG));
      return Buffer.concat([d.update(sealed.subarray(IV + TAG)), d.final()]);
    },
  };
}

/** The sealer the environment asks for: a secret in MESO_KEYSTORE_SECRET, else plain 0600 files. */
export function sealerFromEnvironment(env: NodeJS.ProcessEnv = process.env): Sealer {
  const raw = env[SECRET_ENV]?.trim();
  if (!raw) return plainSealer;
  const bytes = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return secretSealer(bytes);
}
