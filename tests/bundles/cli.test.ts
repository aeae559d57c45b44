import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * The sharing commands driven as a user would, without a terminal. Each CLI run costs a process
 * start and an unlock, so the vaults are made once for the file: Alpha and Beta are verified
 * partners of each other; Gamma knows nobody.
 */
const temp = useTempDirs();
const SLOW = 180_000;
let shared = '';
let a: string[] = [];
let b: string[] = [];
let c: string[] = [];
let ia: { identity: string; fingerprint: string };
let ib: { identity: string; fingerprint: string };

beforeAll(async () => {
  shared = mkdtempSync(join(tmpdir(), 'tvault-sharing-cli-'));
  const made = await Promise.all(
    ['a', 'b', 'c'].map(async (name) => {
      const dir = join(shared, name);
      await initVaultWithCli(dir);
      return ['--vault', dir];
    }),
  );
  [a, b, c] = [made[0]!, made[1]!, made[2]!];
  ({ ia, ib } = await befriend(a, 'Alpha', b, 'Beta'));
}, SLOW);

afterAll(() => {
  if (shared) rmSync(shared, { recursive: true, force: true });
});

async function identityOf(v: string[]) {
  const result = await runCliJson<{ identity: string; fingerprint: string }>([...v, 'identity']);
  expect(result.code).toBe(0);
  return result.json;
}

async function addRecord(v: string[], extra: string[]): Promise<string> {
  const result = await runCliJson<{ id: string }>([...v, 'add', '--title', 'T', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return result.json.id;
}

async function befriend(a: string[], aName: string, b: string[], bName: string) {
  const ia = await identityOf(a);
  const ib = await identityOf(b);
  expect((await runCli([...a, 'partner', 'add', bName, ib.identity])).code).toBe(0);
  expect((await runCli([...b, 'partner', 'add', aName, ia.identity])).code).toBe(0);
  expect((await runCli([...a, 'partner', 'verify', bName, '--yes'])).code).toBe(0);
  expect((await runCli([...b, 'partner', 'verify', aName, '--yes'])).code).toBe(0);
  return { ia, ib };
}

const consented = ['--consent', 'given', '--scope', 'share-with-partners'];

describe('tvault identity and partner', () => {
  it(
    'prints the identity and manages partners',
    async () => {
      const text = await runCli([...a, 'identity']);
      expect(text.stdout).toContain(ia.identity);
      expect(text.stdout).toContain(ia.fingerprint);
      const json = await runCliJson<Record<string, unknown>>([...a, 'identity']);
      expect(Object.keys(json.json).sort()).toEqual(['fingerprint', 'identity']);
      expect(ia.identity).toMatch(/^TVID1-/);
      expect(ia.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);

      // Gamma adds Alpha: unverified until the fingerprints are compared.
      const added = await runCliJson([...c, 'partner', 'add', 'Alpha', ia.identity]);
      expect(added.json).toEqual({ name: 'Alpha', fingerprint: ia.fingerprint, verified: false });
      // Without --yes and without a terminal, verify refuses and shows the fingerprint.
      const refused = await runCli([...c, 'partner', 'verify', 'Alpha']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(ia.fingerprint);
      const verified = await runCliJson([...c, 'partner', 'verify', 'alpha', '--yes']);
      expect(verified.json).toEqual({ name: 'Alpha', fingerprint: ia.fingerprint, verified: true });
      const list = await runCliJson<{ partners: Record<string, unknown>[] }>([
        ...c,
        'partner',
        'list',
      ]);
      expect(list.json.partners).toHaveLength(1);
      expect(list.json.partners[0]).toMatchObject({ name: 'Alpha', verified: true });
      const typo = await runCliJson<{ error: { code: string } }>([
        ...c,
        'partner',
        'add',
        'Beta',
        ib.identity.slice(0, -3),
      ]);
      expect(typo.code).toBe(2);
      expect(typo.json.error.code).toBe('IDENTITY.INVALID');
      const removed = await runCliJson([...c, 'partner', 'remove', 'Alpha']);
      expect(removed.json).toEqual({ removed: 'Alpha' });
      const missing = await runCliJson<{ error: { code: string } }>([
        ...c,
        'partner',
        'show',
        'Alpha',
      ]);
      expect(missing.code).toBe(4);
      expect(missing.json.error.code).toBe('PARTNER.NOT_FOUND');
    },
    SLOW,
  );
});

describe('tvault export, inspect, receive', () => {
  it(
    'round trip with consent refusals, confirmation, inspect and duplicates',
    async () => {
      const ok = await addRecord(a, [...consented, '--narrator', 'Amina', '--body', 'Amina spoke']);
      const refusedId = await addRecord(a, ['--consent', 'withdrawn']);
      const out = join(temp.make(), 'to-beta.tvb');
      const selection = ['--ids', `${ok},${refusedId}`];

      // No --yes, no terminal: refused, with the list, nothing written.
      const noYes = await runCliJson<{ error: { code: string; message: string } }>([
        ...a,
        'export',
        '--to',
        'Beta',
        ...selection,
        '--out',
        out,
      ]);
      expect(noYes.code).not.toBe(0);
      expect(noYes.json.error.code).toBe('EXPORT.REFUSED');
      expect(noYes.json.error.message).toContain(refusedId);
      expect(existsSync(out)).toBe(false);

      const exported = await runCliJson<Record<string, unknown>>([
        ...a,
        'export',
        '--to',
        'Beta',
        ...selection,
        '--out',
        out,
        '--yes',
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.json).toEqual({
        bundle: out,
        records: 1,
        attachments: 0,
        files: [],
        refused: [{ id: refusedId, reason: 'consent-withdrawn' }],
      });
      // The output exists: refused rather than overwritten.
      const again = await runCli([...a, 'export', '--to', 'Beta', '--ids', ok, '--out', out]);
      expect(again.code).toBe(2);

      const size = readFileSync(out).length;
      const inspected = await runCliJson<Record<string, unknown>>([...b, 'inspect', out]);
      expect(inspected.json).toMatchObject({
        size,
        recipient: true,
        from: 'Alpha',
        fingerprint: ia.fingerprint,
        records: 1,
        attachments: 0,
        alreadyReceived: false,
      });
      expect((await runCliJson([...c, 'inspect', out])).json).toEqual({ size, recipient: false });
      const noVault = await runCliJson(['--vault', join(temp.make(), 'none'), 'inspect', out]);
      expect(noVault.json).toEqual({ size, recipient: false });

      const received = await runCliJson<Record<string, unknown>>([...b, 'receive', out]);
      expect(received.code, received.stderr).toBe(0);
      expect(received.json).toEqual({ from: 'Alpha', records: 1, attachments: 0, duplicates: 0 });
      const shown = await runCliJson<Record<string, unknown>>([...b, 'show', ok]);
      expect(shown.json).toMatchObject({ narrator: 'Narrator 1', body: 'Narrator 1 spoke' });
      expect(shown.json.provenance).toMatchObject({
        partner: 'Alpha',
        senderFingerprint: ia.fingerprint,
      });
      const twice = await runCliJson([...b, 'receive', out]);
      expect(twice.json).toEqual({ from: 'Alpha', records: 0, attachments: 0, duplicates: 1 });

      // Not for Gamma.
      const notOurs = await runCliJson<{ error: { code: string } }>([...c, 'receive', out]);
      expect(notOurs.code).toBe(6);
      expect(notOurs.json.error.code).toBe('BUNDLE.NOT_FOR_US');

      // A damaged copy: exit 6, a BUNDLE error, nothing imported.
      const bytes = readFileSync(out);
      bytes[bytes.length - 20]! ^= 0x10;
      const damaged = join(temp.make(), 'damaged.tvb');
      writeFileSync(damaged, bytes);
      const bad = await runCliJson<{ error: { code: string } }>([...b, 'receive', damaged]);
      expect(bad.code).toBe(6);
      expect(bad.json.error.code).toBe('BUNDLE.INTEGRITY');
    },
    SLOW,
  );

  it(
    'unknown senders need --accept-unknown-sender with their fingerprint',
    async () => {
      // Alpha sends to Gamma, who does not know Alpha.
      const ic = await identityOf(c);
      expect((await runCli([...a, 'partner', 'add', 'Gamma', ic.identity])).code).toBe(0);
      const id = await addRecord(a, consented);
      const out = join(temp.make(), 'x.tvb');
      const exported = await runCli([
        ...a,
        'export',
        '--to',
        'Gamma',
        '--ids',
        id,
        '--out',
        out,
        '--yes', // Gamma's fingerprint was not verified
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      const unknown = await runCliJson<{ error: { code: string; message: string } }>([
        ...c,
        'receive',
        out,
      ]);
      expect(unknown.code).toBe(6);
      expect(unknown.json.error.code).toBe('BUNDLE.UNKNOWN_SENDER');
      expect(unknown.json.error.message).toContain(ia.fingerprint);
      const accepted = await runCliJson([
        ...c,
        'receive',
        out,
        '--accept-unknown-sender',
        ia.fingerprint,
      ]);
      expect(accepted.json).toEqual({
        from: ia.fingerprint,
        records: 1,
        attachments: 0,
        duplicates: 0,
      });
    },
    SLOW,
  );

  it(
    'exports the records a search finds',
    async () => {
      const hit = await addRecord(a, [...consented, '--body', 'harassment at the checkpoint']);
      await addRecord(a, [...consented, '--body', 'a different story']);
      const out = join(temp.make(), 'q.tvb');
      const result = await runCliJson<Record<string, unknown>>([
        ...a,
        'export',
        '--to',
        'Beta',
        '--query',
        'checkpoint',
        '--out',
        out,
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.json).toMatchObject({ records: 1, refused: [] });
      expect((await runCliJson([...b, 'receive', out])).json).toMatchObject({ records: 1 });
      const shown = await runCliJson<{ id: string }>([...b, 'show', hit]);
      expect(shown.json.id).toBe(hit);
    },
    SLOW,
  );

  it(
    'leaves out the files named with --leave-out',
    async () => {
      const id = await addRecord(a, [...consented, '--body', 'with two files']);
      const dir = temp.make();
      const files = ['keep.txt', 'leave.txt'].map((name) => {
        writeFileSync(join(dir, name), name);
        return join(dir, name);
      });
      const attached = await runCliJson<{ attachments: { id: string }[] }>([
        ...a,
        'attach',
        id,
        ...files,
      ]);
      expect(attached.code, attached.stderr).toBe(0);
      const [kept, left] = attached.json.attachments;
      const out = join(temp.make(), 'l.tvb');
      const exported = await runCliJson([
        ...a,
        'export',
        '--to',
        'Beta',
        '--ids',
        id,
        '--leave-out',
        left!.id,
        '--out',
        out,
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.json).toMatchObject({ records: 1, attachments: 1 });
      expect((await runCliJson([...b, 'receive', out])).json).toMatchObject({ attachments: 1 });
      const listed = await runCliJson<{ attachments: { id: string }[] }>([...b, 'attachments', id]);
      expect(listed.json.attachments.map((f) => f.id)).toEqual([kept!.id]);
      // A file that is not one of the export's: refused, nothing written.
      const stranger = await runCli([
        ...a,
        'export',
        '--to',
        'Beta',
        '--ids',
        id,
        '--leave-out',
        'f'.repeat(32),
        '--out',
        join(temp.make(), 'none.tvb'),
      ]);
      expect(stranger.code).toBe(2);
    },
    SLOW,
  );

  it(
    'sends a cleaned copy of a photo by default, the original with a warning on --keep-metadata',
    async () => {
      const id = await addRecord(a, [...consented, '--body', 'with a photo']);
      const photo = fileURLToPath(new URL('../fixtures/metadata/photo-gps.jpg', import.meta.url));
      const attached = await runCliJson<{ attachments: { id: string }[] }>([
        ...a,
        'attach',
        id,
        photo,
      ]);
      expect(attached.code, attached.stderr).toBe(0);
      const fileId = attached.json.attachments[0]!.id;
      const cleaned = await runCli([
        ...a,
        'export',
        '--to',
        'Beta',
        '--ids',
        id,
        '--out',
        join(temp.make(), 'c.tvb'),
      ]);
      expect(cleaned.code, cleaned.stderr).toBe(0);
      expect(cleaned.stdout).toMatch(/1 file\(s\) sent as cleaned copies \(removed: .*exif/);
      expect(cleaned.stdout).not.toContain('WARNING');
      const kept = await runCliJson<{
        files: { id: string; sending: string; identifying: string[] }[];
      }>([
        ...a,
        'export',
        '--to',
        'Beta',
        '--ids',
        id,
        '--keep-metadata',
        '--out',
        join(temp.make(), 'k.tvb'),
      ]);
      expect(kept.code, kept.stderr).toBe(0);
      expect(kept.json.files).toEqual([
        expect.objectContaining({
          id: fileId,
          sending: 'kept',
          identifying: expect.arrayContaining(['gps.latitude', 'ifd0.Artist']),
        }),
      ]);
      const warned = await runCli([
        ...a,
        'export',
        '--to',
        'Beta',
        '--ids',
        id,
        '--keep-metadata',
        '--out',
        join(temp.make(), 'w.tvb'),
      ]);
      expect(warned.stdout).toMatch(/WARNING: .* sent as it is: metadata kept .*gps\.latitude/);
    },
    SLOW,
  );

  it(
    'refuses unclear selections',
    async () => {
      const both = await runCli([
        ...a,
        'export',
        '--to',
        'Beta',
        '--all',
        '--ids',
        'abc',
        '--out',
        'f',
      ]);
      expect(both.code).toBe(2);
      const none = await runCli([...a, 'export', '--to', 'Beta', '--out', 'f']);
      expect(none.code).toBe(2);
      const nobody = await runCliJson<{ error: { code: string } }>([
        ...a,
        'export',
        '--to',
        'Nobody',
        '--all',
        '--out',
        join(temp.make(), 'f'),
      ]);
      expect(nobody.json.error.code).toBe('PARTNER.NOT_FOUND');
    },
    SLOW,
  );
});
