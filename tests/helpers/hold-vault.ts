/**
 * A child process that opens a vault and holds it until its stdin closes, for the "vault in
 * use" tests. Run it as `node --import tsx tests/helpers/hold-vault.ts DIR`; it prints "ready"
 * once the vault is open. Passphrase from TVAULT_PASSPHRASE.
 */
import { Vault } from '../../src/core/vault/vault';

const dir = process.argv[2];
if (!dir) throw new Error('usage: hold-vault.ts DIR');
const vault = await Vault.open(dir, { passphrase: process.env.TVAULT_PASSPHRASE ?? '' });
// Write while holding it, so the WAL is populated when the other process tries.
vault.addRecord({ title: 'written by the holder' });
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => {
  vault.close();
  process.stdout.write('closed\n');
});
