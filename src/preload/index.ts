import { contextBridge, ipcRenderer } from 'electron';
import {
  CHANNELS,
  EVENT_PREFIX,
  INVOKE_PREFIX,
  type EventName,
  isEventName,
} from '../shared/ipc/channels';
import { removeWebRtc } from '../shared/security/web-rtc';

// Before the page's first script: WebRTC reaches the network past the CSP and the request
// filter (src/shared/security/web-rtc.ts). executeInMainWorld is marked experimental; if it
// ever fails, the renderer's entry still removes WebRTC first thing.
try {
  contextBridge.executeInMainWorld({ func: removeWebRtc });
} catch {
  // The API below must be exposed either way.
}

/**
 * Puts exactly the contract's channels on window.vault, and nothing else: no ipcRenderer, no
 * generic send, no Node. Each function forwards one request and returns main's envelope
 * ({ok, value} or {ok, error}); the renderer's client unwraps it, because errors thrown across
 * contextBridge lose their code.
 */
const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = (request: unknown) => ipcRenderer.invoke(INVOKE_PREFIX + channel, request);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!isEventName(event) || typeof listener !== 'function') return () => undefined;
  // The IPC event object (with its sender) never reaches the page: only the payload does.
  const wrapped = (_event: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(EVENT_PREFIX + event, wrapped);
  return () => ipcRenderer.removeListener(EVENT_PREFIX + event, wrapped);
};

contextBridge.exposeInMainWorld('vault', Object.freeze(api));
