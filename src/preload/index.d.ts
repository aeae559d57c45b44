import type { VaultBridge } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** The only way out of the renderer: the IPC contract, exposed by src/preload. */
    readonly vault: VaultBridge;
  }
}
