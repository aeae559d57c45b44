/**
 * Runs the attachment benchmark alone:
 *   node --expose-gc --import tsx bench/attachments-main.ts [SIZE_MIB] [ROUNDS] [--wasm]
 * (default 1024 MiB, 2 rounds). Prints the figures as JSON.
 */
import { benchAttachments } from './attachments';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sizeMiB = Number(args[0] ?? process.env.BENCH_ATTACH_MIB ?? 1024);
const rounds = Number(args[1] ?? 2);
const figures = await benchAttachments({ sizeMiB, rounds, wasm: process.argv.includes('--wasm') });
console.log(JSON.stringify(figures, null, 2));
