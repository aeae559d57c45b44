import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pageSecurityHeaders } from '../security/csp';

/**
 * Serves the built renderer (out/renderer) for app://tvault/. A plain Request -> Response
 * function so the end-to-end harness serves the same bytes with the same headers. Only files
 * under the root are reachable; encoded "..", backslashes and NUL are refused.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export interface AppFilesOptions {
  root: string;
  csp: string;
}

export function resolveAppPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootAbs = resolve(root);
  const full = resolve(rootAbs, relative);
  if (!full.startsWith(rootAbs + sep)) return null;
  return full;
}

export async function serveAppFile(request: Request, options: AppFilesOptions): Promise<Response> {
  const headers = pageSecurityHeaders(options.csp);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers });
  }
  const path = resolveAppPath(options.root, new URL(request.url).pathname);
  const type = path ? TYPES[extname(path).toLowerCase()] : undefined;
  if (!path || !type) return new Response(null, { status: 404, headers });
  try {
    if (!(await stat(path)).isFile()) return new Response(null, { status: 404, headers });
    const body = await readFile(path);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...headers, 'Content-Type': type },
    });
  } catch {
    return new Response(null, { status: 404, headers });
  }
}
