// A recorded pairing yields nothing offline. A man in the middle records every frame of a real
// pairing over socat ptys, and of a later authentication after a replug. The attacker then tries
// codes offline: 10^4 random ones and the true one. For each, one scalar multiplication gives the
// best the attacker can do without either side's secret scalar (the code's generator times a scalar
// of their own), from which the pairing keys follow exactly as the two sides derive them. No
// candidate reproduces either key confirmation or the gun's later authentication proof, and the
// true code scores no differently from the others: it cannot be recognised from the transcript.
// A positive control runs the same check with a side's real secret: there, the true code verifies.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { expect, it } from 'vitest';
import { GunLink, MemoryDoseSink, MemoryKeyStore } from '../../../device/link/index.js';
import {
  authProofs,
  keysFromSharedSecret,
  newNonce,
  pairingGenerator,
  pairingShare,
  sameBytes,
  type MessageName,
  type MessageOf,
  type PairingContext,
} from '../../../device/protocol/index.js';
import { mulberry32, SimulatedGun } from '../../../device/sim/index.js';
import { pairUntilReady, waitForState } from '../../support/linkWait.js';
import { ManInTheMiddle, type Direction } from '../../support/mitm.js';
import { useTeardown } from '../../support/teardown.js';

const stopAfterTest = useTeardown();
const SAMPLE = 10_000;

interface Transcript {
  ctx: PairingContext;
  gunShare: Uint8Array;
  stationShare: Uint8Array;
  stationConfirm: Uint8Array;
  gunConfirm: Uint8Array;
  /** A later authentication: the gun's proof over both nonces, under the link key. */
  auth: { stationNonce: Uint8Array; gunNonce: Uint8Array; gunProof: Uint8Array };
}

/** What an attacker learns from a code guess: does anything derived from it match the transcript? */
function check(code: string, t: Transcript, attackerScalar: bigint): { verifies: boolean; agreement: number } {
  const guessK = pairingGenerator(code, t.ctx).multiplyUnsafe(attackerScalar).toBytes();
  const keys = keysFromSharedSecret(guessK, t.gunShare, t.stationShare, t.ctx);
  const verifies =
    sameBytes(keys.stationConfirm, t.stationConfirm) ||
    sameBytes(keys.gunConfirm, t.gunConfirm) ||
    sameBytes(authProofs.gun(keys.linkKey, t.ctx.serial, t.auth.stationNonce, t.auth.gunNonce), t.auth.gunProof);
  // Bits on which the candidate confirmation agrees with the recorded one (random: about 128 of 256).
  let agreement = 0;
  for (let i = 0; i < 32; i++) agreement += 8 - popcount(keys.stationConfirm[i]! ^ t.stationConfirm[i]!);
  return { verifies, agreement };
}

function popcount(b: number): number {
  let n = 0;
  for (let x = b; x; x &= x - 1) n++;
  return n;
}

function message<N extends MessageName>(mitm: ManInTheMiddle, d: Direction, type: N, nth: 'first' | 'last' = 'last'): MessageOf<N> {
  const all = mitm.passed(d).filter((p) => p.frame?.message.type === type);
  const p = nth === 'first' ? all[0] : all.at(-1);
  if (!p?.frame) throw new Error(`no ${type} recorded ${d}`);
  return p.frame.message as MessageOf<N>;
}

it('a recorded pairing lets no code guess verify a later authentication, and does not single out the true code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recorded-pairing-'));
  stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  const gun = await SimulatedGun.start({ dir: join(dir, 'gun-pty') });
  stopAfterTest(() => gun.stop());
  const mitm = await ManInTheMiddle.start(gun, { dir: join(dir, 'station-pty') });
  stopAfterTest(() => mitm.stop());
  const link = new GunLink({ path: mitm.stationPath, keyStore: new MemoryKeyStore(), sink: new MemoryDoseSink(), stationName: 'Room 1' });
  stopAfterTest(() => link.stop());
  link.start();
  let trueCode = '';
  gun.once('pairing-code', (c) => (trueCode = c));
  await pairUntilReady(link, gun);
  // A later connection: the station authenticates with the key the pairing produced.
  await gun.unplug();
  await waitForState(link, 'disconnected', 3000);
  await gun.replug();
  await waitForState(link, 'ready', 8000);

  const begin = message(mitm, 'toGun', 'PAIR_BEGIN');
  const challenge = message(mitm, 'toStation', 'PAIR_CHALLENGE');
  const confirm = message(mitm, 'toGun', 'PAIR_CONFIRM');
  const result = message(mitm, 'toStation', 'PAIR_RESULT');
  const authBegin = message(mitm, 'toGun', 'AUTH_BEGIN');
  const authChallenge = message(mitm, 'toStation', 'AUTH_CHALLENGE');
  const t: Transcript = {
    ctx: { serial: gun.serial, stationNonce: begin.stationNonce, gunNonce: challenge.gunNonce },
    gunShare: challenge.gunShare,
    stationShare: confirm.stationShare,
    stationConfirm: confirm.stationConfirm,
    gunConfirm: result.gunConfirm,
    auth: { stationNonce: authBegin.stationNonce, gunNonce: authChallenge.gunNonce, gunProof: authChallenge.gunProof },
  };
  // The later authentication is not the one right after pairing: its nonces are new.
  expect(sameBytes(t.auth.stationNonce, message(mitm, 'toGun', 'AUTH_BEGIN', 'first').stationNonce)).toBe(false);
  expect(trueCode).toMatch(/^\d{6}$/);

  const rand = mulberry32(0x5eed);
  const codes = new Set<string>();
  while (codes.size < SAMPLE) {
    const c = String(Math.floor(rand() * 1_000_000)).padStart(6, '0');
    if (c !== trueCode) codes.add(c);
  }
  const attacker = 0x1234_5678_9abc_def0_1357_9bdf_2468_ace0n;
  const truth = check(trueCode, t, attacker);
  let verifying = 0;
  let above = 0;
  let below = 0;
  for (const code of codes) {
    const r = check(code, t, attacker);
    if (r.verifies) verifying++;
    if (r.agreement > truth.agreement) above++;
    else if (r.agreement < truth.agreement) below++;
  }
  expect(verifying).toBe(0);
  expect(truth.verifies).toBe(false);
  // Not recognisable: guesses scoring above and below the true code alike (it is no outlier).
  expect(above).toBeGreaterThan(0);
  expect(below).toBeGreaterThan(0);
  console.log(JSON.stringify({ sample: SAMPLE, verifying, trueAgreement: truth.agreement, above, below }));
}, 120_000);

it('positive control: with a side\'s real secret scalar the same check recognises the true code', () => {
  const ctx: PairingContext = { serial: 'SIM-0001', stationNonce: newNonce(), gunNonce: newNonce() };
  const gunSide = pairingShare('731905', ctx);
  const stationSide = pairingShare('731905', ctx);
  const keys = keysFromSharedSecret(
    pairingGenerator('731905', ctx).multiply(gunSide.secret).multiply(stationSide.secret).toBytes(),
    gunSide.share,
    stationSide.share,
    ctx,
  );
  const sn = newNonce();
  const gn = newNonce();
  const t: Transcript = {
    ctx,
    gunShare: gunSide.share,
    stationShare: stationSide.share,
    stationConfirm: keys.stationConfirm,
    gunConfirm: keys.gunConfirm,
    auth: { stationNonce: sn, gunNonce: gn, gunProof: authProofs.gun(keys.linkKey, ctx.serial, sn, gn) },
  };
  // The holder of the gun's secret computes K = y_gun * Y_station; in the check's terms, the guessed
  // generator times (y_gun * y_station) when the guess is right.
  const insider = (gunSide.secret * stationSide.secret) % ristretto255.Point.Fn.ORDER;
  expect(check('731905', t, insider).verifies).toBe(true);
  expect(check('731906', t, insider).verifies).toBe(false);
});
