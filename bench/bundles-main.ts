/**
 * Runs the bundle benchmark alone:
 *   node --expose-gc --import tsx bench/bundles-main.ts [SIZE_MIB]
 * (default BENCH_BUNDLE_MIB or 2048 MiB; needs about three times that in free disk space under
 * the temporary folder: the sender's blob, the bundle, the recipient's blob). Prints JSON.
 */
import { benchBundles } from './bundles';

const sizeMiB = Number(process.argv[2] ?? process.env.BENCH_BUNDLE_MIB ?? 2048);
if (!Number.isFinite(sizeMiB) || sizeMiB <= 0) throw new Error('usage: bundles-main.ts [SIZE_MIB]');
console.log(JSON.stringify(await benchBundles({ sizeMiB }), null, 2));
