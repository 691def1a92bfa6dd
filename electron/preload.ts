// Sandboxed preload (bundled to CommonJS: dist/electron/preload.cjs). Exposes exactly
// window.station = { call(method, input), on(event, cb) } and nothing else: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type StationBridge, type WireEvent, type WireReply } from './contract/api.js';

const bridge: StationBridge = {
  call(method: string, input: unknown, passive?: boolean): Promise<WireReply> {
    if (typeof method !== 'string') return Promise.resolve({ id: 0, ok: false, error: { code: 'validation', message: 'method must be a string', field: 'method', reason: { code: 'station.bad-call' } } });
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input, passive === true) as Promise<WireReply>;
  },
  on(event: string, cb: (payload: unknown) => void): () => void {
    const listener = (_e: IpcRendererEvent, ev: WireEvent) => {
      if (ev && ev.event === event) cb(ev.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('station', bridge);
