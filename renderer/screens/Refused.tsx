// What a browser tab shows when the station's browser host will not take its token: exactly what to
// do next. The host makes a new token at every start, so a tab left open across a restart holds an
// old one; pasting the new address into the same tab is enough (the tab reconnects by itself).
import type { Refusal } from '../api/client.js';
import { Msg, useT } from '../i18n/I18n.js';

export function Refused({ refusal }: { refusal: Refusal | null }) {
  const t = useT();
  const stale = refusal === 'stale-token';
  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <div className="centered card stack" role="alert" data-testid="refused" data-refusal={refusal ?? ''}>
        <h1 tabIndex={-1}>{stale ? t('refused.staleTitle') : t('refused.noKeyTitle')}</h1>
        <p>
          <Msg id={stale ? 'refused.stale' : 'refused.noKey'} />
        </p>
        <p>{t('refused.paste')}</p>
      </div>
    </main>
  );
}
