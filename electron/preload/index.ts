// The renderer's only window on the main process: `invoke` and `subscribe`,
// nothing else. Runs sandboxed, so it bundles its few constants and imports no
// packages.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC_EVENT, IPC_INVOKE } from '../../shared/ipc';

contextBridge.exposeInMainWorld('kontor', {
  invoke(name: unknown, input: unknown): Promise<unknown> {
    if (typeof name !== 'string') return Promise.reject(new TypeError('call name must be a string'));
    return ipcRenderer.invoke(IPC_INVOKE, name, input);
  },
  subscribe(event: unknown, listener: unknown): () => void {
    if (!(EVENT_NAMES as readonly unknown[]).includes(event) || typeof listener !== 'function') {
      throw new TypeError('unknown event or listener');
    }
    const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT, forward);
  },
});
