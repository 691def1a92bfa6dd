// What a browser tab shows when the station's browser host will not take its token: exactly what to
// do next. The host makes a new token at every start, so a tab left open across a restart holds an
// old one; pasting the new address into the same tab is enough (the tab reconnects by itself).
import type { Refusal } from '../api/client.js';

export function Refused({ refusal }: { refusal: Refusal | null }) {
  const stale = refusal === 'stale-token';
  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <div className="centered card stack" role="alert" data-testid="refused" data-refusal={refusal ?? ''}>
        <h1 tabIndex={-1}>{stale ? "This page's key to the station is out of date" : 'This page has no key to the station'}</h1>
        {stale ? (
          <p>
            The station has been restarted since this page was opened, and each start makes a new key. Open the address the station printed at its{' '}
            <strong>latest</strong> start: it begins with <span className="num">http://127.0.0.1</span> and ends in <span className="num">#token=</span>{' '}
            followed by the key.
          </p>
        ) : (
          <p>
            Open the address the station printed when it started: it begins with <span className="num">http://127.0.0.1</span> and ends in{' '}
            <span className="num">#token=</span> followed by the key.
          </p>
        )}
        <p>You can paste it into this tab&apos;s address bar: the page connects by itself. Nothing already recorded is lost.</p>
      </div>
    </main>
  );
}
