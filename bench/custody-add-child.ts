import { withDefaults } from '../src/core/records/record-input';
import { RecordStore } from '../src/core/records/record-store';
import { commandVolume } from '../src/core/custody/volume';
import { Vault } from '../src/core/vault/vault';

/**
 * One `tvault add` as a process, with or without the custody log (bench/custody.ts bundles it
 * like the CLI and times it). `logged` does what the CLI does: unlock with the command's volume
 * (a `vault.unlocked` entry, as for every content command), add through the vault (its
 * `record.created` entry), lock. `bare` unlocks without the unlock entry and adds through a
 * RecordStore with the search listener only: the same work without any entry. Prints the
 * process's CPU time (user + system, since it started) as JSON.
 *
 *   node custody-add-child.mjs logged|bare VAULT_DIR   (TVAULT_PASSPHRASE in the environment)
 */
const [mode, dir] = process.argv.slice(2);
if ((mode !== 'logged' && mode !== 'bare') || !dir) throw new Error('usage: logged|bare DIR');
const passphrase = process.env.TVAULT_PASSPHRASE ?? '';
const fields = { title: `cli ${mode}`, body: 'testimony '.repeat(200) };
const vault = await Vault.open(
  dir,
  { passphrase },
  {
    custodyVolume:
      mode === 'logged'
        ? commandVolume('content')
        : { logUnlock: false, checkpointAtCloseAfter: Number.POSITIVE_INFINITY },
  },
);
try {
  if (mode === 'logged') vault.addRecord(fields);
  else {
    const bare = new RecordStore(vault.db, vault.keys, vault.vaultId);
    bare.onChange((id) => vault.search.markStale(id));
    bare.add(withDefaults(fields));
  }
} finally {
  vault.close();
}
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 }));
