// An export job as the screen follows it: started, polled while it runs (exports.progress: one small
// in-memory read in the core), cancelled; the last refusal kept with the field it names.
import { useEffect, useState } from 'react';
import type { ExportJobView } from '../../../electron/contract/exports.js';
import type { Input } from '../../../electron/contract/index.js';
import { useAction, useApi } from '../../api/hooks.js';

/** Often enough for a smooth bar. */
const POLL_MS = 400;

export function useExportJob() {
  const api = useApi();
  const action = useAction();
  const { run, setError } = action;
  const [job, setJob] = useState<ExportJobView | null>(null);
  const running = job?.state === 'running';
  const jobId = job?.jobId;

  // Poll while the job runs; stop when it ends (or the screen closes).
  useEffect(() => {
    if (!jobId || !running) return;
    let live = true;
    const timer = setInterval(() => {
      api.call('exports.progress', { jobId }, { passive: true }).then(
        (v) => live && setJob(v),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, jobId, running, setError]);

  const start = async (input: Input<'exports.run'>) => {
    const v = await run(() => api.call('exports.run', input));
    if (v) setJob(v);
    return v;
  };
  const cancel = async () => {
    if (!jobId) return;
    const v = await run(() => api.call('exports.cancel', { jobId }));
    if (v) setJob(v);
  };
  return { job, running, start, cancel, ...action };
}
