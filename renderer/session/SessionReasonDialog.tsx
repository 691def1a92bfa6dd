// The session's reason dialogs (abort the session, skip or shorten thermotherapy, continue past a soft
// limit): a warning that asks for a clinical reason of at least 3 characters (the core's minimum), with
// the reason field and Cancel in the session's words.
import { useT } from '../i18n/I18n.js';
import { ReasonDialog } from '../kit/index.js';
import type { ReasonDialogProps } from '../kit/ReasonDialog.js';

export function SessionReasonDialog(p: Omit<ReasonDialogProps, 'tone' | 'long' | 'minLength'>) {
  const t = useT();
  return <ReasonDialog tone="warn" long minLength={3} reasonLabel={t('session.reason')} cancelLabel={t('session.cancel')} {...p} />;
}
