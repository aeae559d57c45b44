import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppPath, serveAppFile } from '../../src/main/protocols/app-files';

const root = mkdtempSync(join(tmpdir(), 'tv-app-'));
mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'outside the root');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = { root: join(root, 'renderer'), csp: "default-src 'none'" };
const get = (path: string, init?: RequestInit) =>
  serveAppFile(new Request(`app://tvault${path}`, init), options);

describe('app protocol', () => {
  it('serves index.html and assets with the CSP and the right types', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(index.headers.get('Content-Security-Policy')).toBe(options.csp);
    const script = await get('/assets/app.js');
    expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log(1)');
  });

  it('never leaves the renderer folder', async () => {
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/assets/..%5c..%5csecret.txt')).status).toBe(404);
    expect((await get('/%00index.html')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(404);
    expect(resolveAppPath(options.root, '/../secret.txt')).toBeNull();
    expect(resolveAppPath(options.root, '/%2e%2e%2fsecret.txt')).toBeNull();
  });

  it('refuses unknown types, folders, missing files and writes', async () => {
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/index.exe')).status).toBe(404);
    expect((await get('/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
