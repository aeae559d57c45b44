import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import exifr from 'exifr';
import { cleanBytes, planEdits, streamEdits } from '../src/core/attachments/clean/clean-file';
import { memoryReader } from '../src/core/attachments/clean/edits';

/**
 * Issue 14's export-cleaning figure (docs/attachments.md, "Cleaning on export"): the time to
 * clean a `photoMiB` MiB JPEG, beside the SHA-256 of the same bytes measured in the same run
 * (an export hashes every file it sends, so the ratio says what cleaning adds to that).
 *
 * The photo is tests/fixtures/metadata/photo-gps.jpg (EXIF with GPS, XMP, IPTC) with its
 * compressed image data replaced by `photoMiB` MiB of random entropy-coded bytes (each 0xFF
 * stuffed with 0x00, as an encoder writes them): the cleaner walks segments and scans data for
 * markers, so this is the work a real photo of that size costs, without a 20 MB fixture in git.
 */
export async function benchEvidence(opts: {
  photoMiB: number;
  /** In-memory and streamed cleaning, at each size (MiB). */
  videoMiB?: number[];
  /** The streamed export of a video this large, in a child process; 0 skips it. */
  videoStreamMiB?: number;
}): Promise<Record<string, number | string>> {
  const photo = bigPhoto(opts.photoMiB);
  const sha256Ms = (await timed(() => createHash('sha256').update(photo).digest())).ms;
  const cleanMs = (await timed(() => cleanBytes(photo, 'jpeg'))).ms;
  const { bytes, removed } = await cleanBytes(photo, 'jpeg');
  const gps = await exifr.gps(Buffer.from(bytes)).catch(() => undefined);
  return {
    photoBytes: photo.length,
    cleanedBytes: bytes.length,
    removed: removed.join(','),
    gpsAfterCleaning: gps === undefined ? 'none' : 'PRESENT',
    cleanMsMedian: Math.round(cleanMs),
    sha256MsMedian: Math.round(sha256Ms),
    cleanVsSha256: Number((cleanMs / sha256Ms).toFixed(2)),
    ...(await benchVideo(opts.videoMiB ?? [64, 1024], timed)),
    ...benchStreamedExport(opts.videoStreamMiB ?? 2048),
    loadAverage: loadavg()
      .map((n) => n.toFixed(1))
      .join(' '),
  };
}

type Timed = (work: () => unknown, runs?: number) => Promise<{ ms: number; cpuMs: number }>;

/** The median wall and CPU milliseconds of `runs` runs. */
const timed: Timed = async (work, runs = 5) => {
  const times: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    const used = process.cpuUsage(cpu);
    times.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return { ms: median(times.map((t) => t.ms)), cpuMs: median(times.map((t) => t.cpuMs)) };
};

/**
 * Cleaning a video (a MOV: tests/fixtures/metadata/voice-gps.mov's moov, with its ©xyz location
 * and QuickTime keys, after `mib` MiB of random samples in mdat) beside the SHA-256 of the same
 * bytes in the same run, at each size of `sizes`:
 * - `inMemory`: cleanBytes on the whole file (what tests and small files use: a copy is made);
 * - `streamed`: what an export does, the edits applied to 1 MiB pieces and the copy hashed
 *   (decryption left out: both sides would pay it), against hashing the same pieces.
 * Times are medians; CPU times (user + system, all threads) beside them, since wall times on a
 * shared machine follow its load.
 */
async function benchVideo(sizes: number[], timed: Timed) {
  const out: Record<string, number | string> = {};
  for (const mib of sizes) {
    const video = bigVideo(mib);
    const runs = mib > 256 ? 3 : 5;
    const pieces = () =>
      (async function* () {
        for (let at = 0; at < video.length; at += MIB) yield video.subarray(at, at + MIB);
      })();
    const sha256 = await timed(async () => {
      const hash = createHash('sha256');
      for await (const piece of pieces()) hash.update(piece);
      hash.digest();
    }, runs);
    const inMemory = await timed(() => cleanBytes(video, 'mp4'), runs);
    const { bytes } = await cleanBytes(video, 'mp4');
    const located = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('+35.69');
    const streamed = await timed(async () => {
      const { edits } = await planEdits('mp4', memoryReader(video), video.length);
      const hash = createHash('sha256');
      for await (const piece of streamEdits(pieces(), edits)) hash.update(piece);
      hash.digest();
    }, runs);
    const k = `video${mib}MiB`;
    out[`${k}Bytes`] = video.length;
    out[`${k}LocationAfterCleaning`] = located ? 'PRESENT' : 'none';
    out[`${k}Sha256Ms`] = Math.round(sha256.ms);
    out[`${k}Sha256CpuMs`] = Math.round(sha256.cpuMs);
    out[`${k}InMemoryCleanMs`] = Math.round(inMemory.ms);
    out[`${k}InMemoryCleanCpuMs`] = Math.round(inMemory.cpuMs);
    out[`${k}InMemoryVsSha256`] = Number((inMemory.ms / sha256.ms).toFixed(2));
    out[`${k}StreamedCleanAndHashMs`] = Math.round(streamed.ms);
    out[`${k}StreamedCleanAndHashCpuMs`] = Math.round(streamed.cpuMs);
    out[`${k}StreamedVsSha256`] = Number((streamed.ms / sha256.ms).toFixed(2));
  }
  return out;
}

const MIB = 1024 * 1024;

/** The MOV fixture with `mib` MiB of samples in its mdat: random bytes, repeated past 64 MiB. */
function bigVideo(mib: number): Buffer {
  const { head, tail } = videoParts(mib * MIB);
  const block = randomBytes(Math.min(mib, 64) * MIB);
  const samples = Buffer.allocUnsafe(mib * MIB);
  for (let at = 0; at < samples.length; at += block.length) block.copy(samples, at);
  return Buffer.concat([head, samples, tail]);
}

/** The fixture's ftyp and an mdat header for `samples` bytes; its moov. */
function videoParts(samples: number): { head: Buffer; tail: Buffer } {
  const fixture = readFileSync(
    new URL('../tests/fixtures/metadata/voice-gps.mov', import.meta.url),
  );
  const mdatAt = fixture.readUInt32BE(0); // after ftyp
  const moovAt = mdatAt + fixture.readUInt32BE(mdatAt);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + samples);
  header.write('mdat', 4, 'latin1');
  return {
    head: Buffer.concat([fixture.subarray(0, mdatAt), header]),
    tail: fixture.subarray(moovAt),
  };
}

/**
 * A `mib` MiB MOV exported the way the app does it, in a child process (its peak RSS is the
 * cleaning's): attached to a vault, then its SHA-256 from the sealed blob beside the export's
 * two passes (bench/clean-stream-child.ts). The file is sparse (zero samples): it costs no disk
 * until the vault seals it.
 */
function benchStreamedExport(mib: number): Record<string, number | string> {
  if (mib <= 0) return {};
  const work = mkdtempSync(join(tmpdir(), 'tv-bench-clean-'));
  try {
    const file = join(work, 'big.mov');
    const { head, tail } = videoParts(mib * MIB);
    const fd = openSync(file, 'w');
    try {
      writeSync(fd, head, 0, head.length, 0);
      writeSync(fd, tail, 0, tail.length, head.length + mib * MIB);
    } finally {
      closeSync(fd);
    }
    const result = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(new URL('./clean-stream-child.ts', import.meta.url)),
        file,
        work,
      ],
      { encoding: 'utf8', maxBuffer: MIB },
    );
    if (result.status !== 0) throw new Error(`clean-stream child failed: ${result.stderr}`);
    const child = JSON.parse(result.stdout.trim()) as Record<string, number | string>;
    const k = `streamedExport${mib}MiB`;
    const n = (key: string) => Number(child[key]);
    return {
      [`${k}Bytes`]: child.size!,
      [`${k}LocationInCopy`]: child.locationInCopy!,
      [`${k}Sha256Seconds`]: Number(n('sha256Seconds').toFixed(2)),
      [`${k}Sha256CpuSeconds`]: Number(n('sha256CpuSeconds').toFixed(2)),
      [`${k}PlanAndHashBothSeconds`]: Number(n('planSeconds').toFixed(2)),
      [`${k}PlanAndHashBothCpuSeconds`]: Number(n('planCpuSeconds').toFixed(2)),
      [`${k}WriteSeconds`]: Number(n('writeSeconds').toFixed(2)),
      [`${k}WriteCpuSeconds`]: Number(n('writeCpuSeconds').toFixed(2)),
      [`${k}PlanVsSha256`]: Number((n('planSeconds') / n('sha256Seconds')).toFixed(2)),
      [`${k}RssBeforeMiB`]: Math.round(n('rssBefore') / MIB),
      [`${k}PeakRssMiB`]: Math.round(n('peakRss') / MIB),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function bigPhoto(mib: number): Uint8Array {
  const fixture = readFileSync(
    new URL('../tests/fixtures/metadata/photo-gps.jpg', import.meta.url),
  );
  // Up to the end of the SOS header: the metadata segments, tables and the scan header.
  const sos = fixture.indexOf(Buffer.from([0xff, 0xda]));
  const headerEnd = sos + 2 + fixture.readUInt16BE(sos + 2);
  const random = randomBytes(mib * 1024 * 1024);
  const stuffed = Buffer.alloc(random.length * 2);
  let n = 0;
  for (const byte of random) {
    stuffed[n++] = byte;
    if (byte === 0xff) stuffed[n++] = 0x00;
  }
  return Buffer.concat([
    fixture.subarray(0, headerEnd),
    stuffed.subarray(0, n),
    Buffer.from([0xff, 0xd9]),
  ]);
}
