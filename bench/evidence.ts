import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { cleanBytes } from '../src/core/attachments/clean/clean-file';

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
  videoMiB?: number;
}): Promise<Record<string, number | string>> {
  const photo = bigPhoto(opts.photoMiB);
  const runs = 5;
  const timed = async (work: () => unknown) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  };
  const sha256Ms = await timed(() => createHash('sha256').update(photo).digest());
  const cleanMs = await timed(() => cleanBytes(photo, 'jpeg'));
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
    ...(await benchVideo(opts.videoMiB ?? 200, timed)),
  };
}

/**
 * The time to clean a `mib` MiB MOV (tests/fixtures/metadata/voice-gps.mov's moov, with its
 * ©xyz location and QuickTime keys, after `mib` MiB of random samples in mdat) beside its
 * SHA-256 in the same run. Videos are cleaned in memory up to MAX_CLEAN_BYTES (256 MiB).
 */
async function benchVideo(mib: number, timed: (work: () => unknown) => Promise<number>) {
  const fixture = readFileSync(
    new URL('../tests/fixtures/metadata/voice-gps.mov', import.meta.url),
  );
  const mdatAt = fixture.readUInt32BE(0); // after ftyp
  const moovAt = mdatAt + fixture.readUInt32BE(mdatAt);
  const samples = randomBytes(mib * 1024 * 1024);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + samples.length);
  header.write('mdat', 4, 'latin1');
  const video = Buffer.concat([
    fixture.subarray(0, mdatAt),
    header,
    samples,
    fixture.subarray(moovAt),
  ]);
  const sha256Ms = await timed(() => createHash('sha256').update(video).digest());
  const cleanMs = await timed(() => cleanBytes(video, 'mp4'));
  const { bytes } = await cleanBytes(video, 'mp4');
  return {
    videoBytes: video.length,
    videoLocationAfterCleaning: Buffer.from(bytes).includes('+35.69') ? 'PRESENT' : 'none',
    videoCleanMsMedian: Math.round(cleanMs),
    videoSha256MsMedian: Math.round(sha256Ms),
    videoCleanVsSha256: Number((cleanMs / sha256Ms).toFixed(2)),
  };
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
