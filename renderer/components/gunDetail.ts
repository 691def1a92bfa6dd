// Why the gun cannot be used or reached, in the window's language: the link's code (GunView.detailCode)
// picks the words. The device layer's English `detail` names the exact cause for whoever services the
// station, so the gun bar keeps it as a tooltip only.
import type { GunView } from '../../electron/contract/gun.js';
import type { UiMessageId } from '../i18n/messages/index.js';

const GUN_DETAIL_KEYS: Readonly<Record<string, UiMessageId>> = {
  timeout: 'gunDetail.timeout',
  disconnected: 'gunDetail.disconnected',
  stopped: 'gunDetail.stopped',
  nak: 'gunDetail.nak',
  'out-of-limits': 'gunDetail.outOfLimits',
  'cannot-arm': 'gunDetail.cannotArm',
  'protocol-version': 'gunDetail.protocolVersion',
  'schema-mismatch': 'gunDetail.schemaMismatch',
  'not-paired': 'gunDetail.notPaired',
  'awaiting-pairing': 'gunDetail.notPaired',
  'wrong-key': 'gunDetail.wrongKey',
  'pairing-code-wrong': 'gunDetail.pairingCodeWrong',
  'echo-mismatch': 'gunDetail.echoMismatch',
  'not-ready': 'gunDetail.notReady',
  'unexpected-reply': 'gunDetail.unexpectedReply',
  'port-not-found': 'gunDetail.portNotFound',
  'port-permission': 'gunDetail.portPermission',
  'port-busy': 'gunDetail.portBusy',
  'udev-missing': 'gunDetail.udevMissing',
  'connect-failed': 'gunDetail.connectFailed',
  refused: 'gunDetail.refused',
};

/** The words for a gun's problem; a code this renderer does not know yet gets the general words. */
export function gunDetailKey(gun: Pick<GunView, 'detailCode'>): UiMessageId {
  return (gun.detailCode !== null && Object.hasOwn(GUN_DETAIL_KEYS, gun.detailCode) ? GUN_DETAIL_KEYS[gun.detailCode] : undefined) ?? 'gunDetail.other';
}
