import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The tests serve the built renderer; say clearly how to build it when it is missing. */
export default function globalSetup(): void {
  const index = resolve('out/renderer/index.html');
  if (!existsSync(index)) {
    throw new Error(
      `${index} is missing: build the app first (npm run test:e2e builds it, or run npx electron-vite build).`,
    );
  }
}
