import type { Features } from '../shared/ipc/types';

/**
 * The parts of the core this build of the app wires in. A part is true only when its handlers
 * call the real core module; the UI hides the rest rather than showing controls that do nothing.
 */
export const FEATURES: Features = {
  attachments: true,
  search: true,
  sharing: true,
};
