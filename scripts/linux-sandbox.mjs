// Ubuntu 23.10 and later restrict unprivileged user namespaces through AppArmor, which
// Chromium's sandbox needs unless its SUID helper (chrome-sandbox) is owned by root with the
// setuid bit. The Electron in node_modules has neither an AppArmor profile nor a root-owned
// helper, so `npm start` aborts with "The SUID sandbox helper binary was found, but is not
// configured correctly". The app never runs without its sandbox (no --no-sandbox): this module
// only recognises the situation and says which of the two fixes to apply, with this checkout's
// paths. The installed .deb needs neither (its install script sets both up).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const RESTRICT_SYSCTL = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';
const APPARMOR_DIR = '/etc/apparmor.d';
const PROFILE_NAME = 'testimony-vault-dev';

function readOr(path, fallback) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** True when some AppArmor profile names this Electron binary (the second fix is in place). */
function hasProfileFor(electronBinary, apparmorDir) {
  if (!existsSync(apparmorDir)) return false;
  for (const entry of readdirSync(apparmorDir, { withFileTypes: true })) {
    if (entry.isFile() && readOr(join(apparmorDir, entry.name), '').includes(electronBinary))
      return true;
  }
  return false;
}

/**
 * What to do before `npm start` can open a sandboxed window on this Linux, or null when nothing
 * is needed (not Linux, no restriction, helper set up, or a profile in place).
 */
export function sandboxAdvice({
  platform = process.platform,
  electronBinary,
  restrictSysctl = RESTRICT_SYSCTL,
  apparmorDir = APPARMOR_DIR,
}) {
  if (platform !== 'linux') return null;
  if (readOr(restrictSysctl, '0').trim() !== '1') return null;
  const helper = join(electronBinary, '..', 'chrome-sandbox');
  if (existsSync(helper)) {
    const { uid, mode } = statSync(helper);
    if (uid === 0 && (mode & 0o4755) === 0o4755) return null;
  }
  if (hasProfileFor(electronBinary, apparmorDir)) return null;
  return [
    'This Linux restricts unprivileged user namespaces (Ubuntu 23.10 and later), so Electron from',
    'node_modules cannot start its sandbox. The app never runs without it; fix it once, either way:',
    '',
    '  1. an AppArmor profile for this checkout’s Electron (what the .deb installs for the app):',
    '',
    `     sudo tee ${apparmorDir}/${PROFILE_NAME} >/dev/null <<'PROFILE'`,
    'abi <abi/4.0>,',
    'include <tunables/global>',
    `profile ${PROFILE_NAME} "${electronBinary}" flags=(unconfined) {`,
    '  userns,',
    '}',
    'PROFILE',
    `     sudo apparmor_parser -r ${apparmorDir}/${PROFILE_NAME}`,
    '',
    '  2. or Chromium’s SUID helper, owned by root (undone by the next `npm install`):',
    '',
    `     sudo chown root:root "${helper}" && sudo chmod 4755 "${helper}"`,
    '',
    'See docs/ui.md, "Linux: the sandbox on Ubuntu 23.10 and later".',
  ].join('\n');
}
