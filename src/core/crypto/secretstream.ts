import type { BundlePayloadKey } from './keys';
import { sodium } from './sodium';
import type { SecretStreamPuller, SecretStreamPusher } from './sodium-port';

export {
  SECRETSTREAM_ABYTES,
  SECRETSTREAM_HEADER_BYTES,
  SECRETSTREAM_TAG_FINAL as TAG_FINAL,
  SECRETSTREAM_TAG_MESSAGE as TAG_MESSAGE,
} from './sodium-port';
export type { SecretStreamPuller as Puller, SecretStreamPusher as Pusher } from './sodium-port';

/**
 * crypto_secretstream_xchacha20poly1305, the bundle payload cipher (docs/bundle-format.md),
 * through the process's libsodium port. One key seals one stream; messages are tagged
 * TAG_MESSAGE, the last one TAG_FINAL.
 */
export const SECRETSTREAM_KEY_BYTES = 32;

export function startPush(key: BundlePayloadKey): {
  header: Uint8Array;
  pusher: SecretStreamPusher;
} {
  return sodium().secretStreamPush(key);
}

/** null when the header cannot start a stream under this key. */
export function startPull(args: {
  header: Uint8Array;
  key: BundlePayloadKey;
}): SecretStreamPuller | null {
  return sodium().secretStreamPull(args);
}
