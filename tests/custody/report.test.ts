import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { custodyReportHtml } from '../../src/core/custody/report-html';
import { makeCustodyReport, verifyCustodyReport } from '../../src/core/custody/report';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const ARABIC = 'شهادة عن التحرش في المدينة';

describe('custody report', () => {
  it('lists revisions, files and entries; the signature holds and catches any edit', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: ARABIC, lang: 'ar' });
    vault.updateRecord(record.id, { body: 'more' });
    const file = join(vaults.temp.make(), 'صورة.jpg');
    writeFileSync(file, 'not really a jpeg');
    const info = await vault.attachments.attachFile(record.id, file);
    vault.addRecord({ title: 'another record' });
    const made = makeCustodyReport(vault, record.id);
    expect(made.report.record.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(made.report.record.files).toEqual([
      expect.objectContaining({
        id: info.id,
        sha256: info.sha256,
        size: info.size,
        name: 'صورة.jpg',
      }),
    ]);
    expect(made.report.entries.map((e) => e.action)).toEqual([
      'record.created',
      'record.edited',
      'attachment.added',
    ]);
    // The revision hashes in the report are the ones the log recorded at the time.
    expect(made.report.entries[1]!.detail.sha256).toBe(made.report.record.revisions[1]!.sha256);
    const dir = vaults.temp.make();
    const path = join(dir, 'report.json');
    writeFileSync(path, made.json);
    writeFileSync(`${path}.sig`, made.signature);
    expect((await verifyCustodyReport(path)).fingerprint).toBe(vault.identity.fingerprint());
    writeFileSync(path, made.json.replace('"record.edited"', '"record.opened"'));
    await expect(verifyCustodyReport(path)).rejects.toThrow(/does not match its signature/);
  });

  it('the HTML page keeps Arabic as written, isolated in its own direction, and escapes markup', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: `${ARABIC} <script>x</script>`, lang: 'ar' });
    const html = custodyReportHtml(makeCustodyReport(vault, record.id).report);
    expect(html).toContain(
      `<bdi dir="auto" lang="ar">${ARABIC} &lt;script&gt;x&lt;/script&gt;</bdi>`,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<meta charset="utf-8">');
  });
});

describe('tvault custody', () => {
  it('writes the report, its signature and the page; custody verify checks them', async () => {
    const dir = vaults.temp.path('cli');
    await initVaultWithCli(dir);
    const id = (await runCliJson<{ id: string }>(['--vault', dir, 'add', '--title', ARABIC])).json
      .id;
    const out = join(vaults.temp.make(), 'r.json');
    const html = join(vaults.temp.make(), 'r.html');
    const made = await runCliJson(['--vault', dir, 'custody', id, '--out', out, '--html', html]);
    expect(made.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(ARABIC);
    // No vault and no passphrase needed to check a report.
    const checked = await runCliJson<{ valid: boolean; fingerprint: string }>(
      ['custody', 'verify', out],
      { env: { TVAULT_PASSPHRASE: undefined } },
    );
    expect(checked.code).toBe(0);
    expect(checked.json.valid).toBe(true);
    const again = await runCli(['--vault', dir, 'custody', id, '--out', out]);
    expect(again.code).toBe(2);
    writeFileSync(
      out,
      readFileSync(out, 'utf8').replace(id, (id[0] === 'f' ? 'e' : 'f') + id.slice(1)),
    );
    const tampered = await runCli(['custody', 'verify', out]);
    expect(tampered.code).toBe(6);
  });
});
