/**
 * `npm run bench`: the speed and memory figures of the issues, each reported beside a baseline
 * measured in the same run (the machine is shared and noisy, so raw seconds alone mean little).
 * Results are printed and written to bench/results/latest.json.
 *
 *   BENCH_ONLY=records,search,attachments,bundles,hostile,custody,verify,evidence,ocr   run a subset
 *   BENCH_CUSTODY_RECORDS=10000 (import)  BENCH_CUSTODY_ROUNDS=40  BENCH_CUSTODY_PER_ROUND=25
 *   BENCH_CUSTODY_LOG=100000 (entries for the lookup)  BENCH_CUSTODY_CLI_ROUNDS=10 (tvault add runs)
 *   BENCH_VERIFY_RECORDS=100000  BENCH_VERIFY_MIB=10240
 *   BENCH_SCALE_DOCS=100000  BENCH_SCALE_SHORT=1000000  BENCH_SCALE_LONG_MB=15
 *   BENCH_SCALE_COLD_DOCS=5000  BENCH_SCALE_IMPORT_MB=1024 (search-scale; 0 skips a part)
 *   BENCH_SEARCH_DOCS=100000  BENCH_ATTACH_MIB=1024  BENCH_BUNDLE_MIB=2048  BENCH_RECORDS=10000
 *   BENCH_BOMB_MIB=512
 *   BENCH_SMALL_FILES=1000  BENCH_PHOTO_MIB=20  BENCH_VIDEO_MIB=64,1024  BENCH_VIDEO_STREAM_MIB=2048 (0 skips)
 *   BENCH_OCR_PAGES=50 (ocr: the scan's pages; 0 skips)
 *   BENCH_HOSTILE_IMPORT_MIB=32 (the hostile import files)  BENCH_HOSTILE_PARTS=files,loop,bomb,deep,small,body
 *   BENCH_HOSTILE_IMPORT_RECORDS=10000 (the `loop` part's import)
 *   BENCH_ONLY=team: BENCH_TEAM_MEMBERS=3 BENCH_TEAM_RECORDS=300 (each)
 *   BENCH_TEAM_ATTACHMENTS=30 (in all) BENCH_TEAM_ATTACH_KIB=64 BENCH_TEAM_CHANGES=100
 *   (small by default; issue 15's size, about 20 minutes: BENCH_TEAM_RECORDS=10000
 *   BENCH_TEAM_ATTACHMENTS=1000)
 *   BENCH_ONLY=crash  BENCH_CRASH_KILLS=30 (per command): the crash harness, only when named
 *   (it takes minutes; `npm run crash` runs the same harness on its own)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { benchRecords } from './records';

type Bench = () => Promise<Record<string, number | string>>;

const env = process.env;
const only = env.BENCH_ONLY?.split(',').map((s) => s.trim());

async function optional(
  path: string,
  name: string,
): Promise<((opts: never) => Promise<Record<string, number | string>>) | null> {
  try {
    const module = (await import(path)) as Record<string, unknown>;
    return (module[name] as (opts: never) => Promise<Record<string, number | string>>) ?? null;
  } catch (error) {
    console.error(`bench: ${path} could not be loaded: ${(error as Error).message}`);
    return null;
  }
}

const benches: Record<string, Bench> = {
  records: () => benchRecords({ count: Number(env.BENCH_RECORDS ?? 10_000) }),
  search: async () => {
    const fn = await optional('./search', 'benchSearch');
    return fn
      ? fn({ docs: Number(env.BENCH_SEARCH_DOCS ?? 100_000) } as never)
      : { skipped: 'no bench/search.ts' };
  },
  'search-scale': async () => {
    const fn = await optional('./search-scale', 'benchSearchScale');
    return fn
      ? fn({
          docs: Number(env.BENCH_SCALE_DOCS ?? 100_000),
          shortItems: Number(env.BENCH_SCALE_SHORT ?? 1_000_000),
          longMB: Number(env.BENCH_SCALE_LONG_MB ?? 15),
          coldDocs: Number(env.BENCH_SCALE_COLD_DOCS ?? 5000),
          importMB: Number(env.BENCH_SCALE_IMPORT_MB ?? 1024),
        } as never)
      : { skipped: 'no bench/search-scale.ts' };
  },
  attachments: async () => {
    const fn = await optional('./attachments', 'benchAttachments');
    return fn
      ? fn({ sizeMiB: Number(env.BENCH_ATTACH_MIB ?? 1024) } as never)
      : { skipped: 'no bench/attachments.ts' };
  },
  custody: async () => {
    const fn = await optional('./custody', 'benchCustody');
    return fn
      ? fn({
          records: Number(env.BENCH_CUSTODY_RECORDS ?? 10_000),
          rounds: Number(env.BENCH_CUSTODY_ROUNDS ?? 40),
          perRound: Number(env.BENCH_CUSTODY_PER_ROUND ?? 25),
          lookupEntries: Number(env.BENCH_CUSTODY_LOG ?? 100_000),
          cliRounds: Number(env.BENCH_CUSTODY_CLI_ROUNDS ?? 10),
        } as never)
      : { skipped: 'no bench/custody.ts' };
  },
  verify: async () => {
    const fn = await optional('./verify', 'benchVerifyBackup');
    return fn
      ? fn({
          records: Number(env.BENCH_VERIFY_RECORDS ?? 100_000),
          fileMiB: Number(env.BENCH_VERIFY_MIB ?? 10_240),
        } as never)
      : { skipped: 'no bench/verify.ts' };
  },
  bundles: async () => {
    const fn = await optional('./bundles', 'benchBundles');
    return fn
      ? fn({ sizeMiB: Number(env.BENCH_BUNDLE_MIB ?? 2048) } as never)
      : { skipped: 'no bench/bundles.ts' };
  },
  evidence: async () => {
    const fn = await optional('./evidence', 'benchEvidence');
    return fn
      ? fn({
          photoMiB: Number(env.BENCH_PHOTO_MIB ?? 20),
          videoMiB: (env.BENCH_VIDEO_MIB ?? '64,1024').split(',').map(Number),
          videoStreamMiB: Number(env.BENCH_VIDEO_STREAM_MIB ?? 2048),
        } as never)
      : { skipped: 'no bench/evidence.ts' };
  },
  ocr: async () => {
    const fn = await optional('./ocr', 'benchOcr');
    return fn
      ? fn({ scanPages: Number(env.BENCH_OCR_PAGES ?? 50) } as never)
      : { skipped: 'no bench/ocr.ts' };
  },
  team: async () => {
    const fn = await optional('./team', 'benchTeam');
    return fn
      ? fn({
          members: Number(env.BENCH_TEAM_MEMBERS ?? 3),
          records: Number(env.BENCH_TEAM_RECORDS ?? 300),
          attachments: Number(env.BENCH_TEAM_ATTACHMENTS ?? 30),
          attachKiB: Number(env.BENCH_TEAM_ATTACH_KIB ?? 64),
          changes: Number(env.BENCH_TEAM_CHANGES ?? 100),
        } as never)
      : { skipped: 'no bench/team.ts' };
  },
  hostile: async () => {
    const fn = await optional('./hostile', 'benchHostile');
    return fn
      ? fn({
          bombMiB: Number(env.BENCH_BOMB_MIB ?? 512),
          smallFiles: Number(env.BENCH_SMALL_FILES ?? 1000),
          importMiB: Number(env.BENCH_HOSTILE_IMPORT_MIB ?? 32),
          importRecords: Number(env.BENCH_HOSTILE_IMPORT_RECORDS ?? 10_000),
          parts: env.BENCH_HOSTILE_PARTS?.split(',').map((s) => s.trim()),
        } as never)
      : { skipped: 'no bench/hostile.ts' };
  },
};

benches.crash = async () => {
  const fn = await optional('./crash/harness', 'benchCrash');
  return fn
    ? fn({ killsPerCommand: Number(env.BENCH_CRASH_KILLS ?? 30) } as never)
    : { skipped: 'no bench/crash/harness.ts' };
};

const results: Record<string, Record<string, number | string>> = {};
for (const [name, bench] of Object.entries(benches)) {
  if (only ? !only.includes(name) : name === 'crash') continue;
  console.log(`\n== ${name}`);
  try {
    results[name] = await bench();
  } catch (error) {
    results[name] = { error: (error as Error).message };
  }
  for (const [key, value] of Object.entries(results[name]!))
    console.log(`  ${key.padEnd(44)} ${value}`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
