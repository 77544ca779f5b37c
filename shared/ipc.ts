// IPC channel names in one place. Kept free of imports: the sandboxed preload
// bundles this file and nothing else from shared/.
export const IPC_INVOKE = 'kontor:invoke';
export const IPC_EVENT = 'kontor:event';
export const EVENT_NAMES = ['progress', 'ledger.changed'] as const;
