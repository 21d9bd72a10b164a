// The console's web site, under /_console/: the files its build wrote (emulator/console/, built into
// emulator/console/dist/ by scripts/build-console.ts), and /_console/session, which tells the page how
// to sign its API calls. The page calls the contract's operations and /_emulator/ through the gateway,
// as any client does; nothing here answers an API call.
//
// The session hands a strict emulator's credentials to the page, so it asks for the key the emulator
// made at start and printed in the console's address (the way Jupyter guards its notebooks): a header
// can be forged by any tool behind a proxy, the key cannot be guessed. It also wants a request of this
// machine's own (./local-requests.ts), from a loopback address. Anything else gets no credentials, and
// the page asks for them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { isStrict, type GatewayCredentials } from './gateway.ts';
import { foreignRequest, isLoopbackAddress } from './local-requests.ts';

export const consolePrefix = '/_console/';

/** The token a lenient gateway is sent by the console: any token will do there. */
export const lenientConsoleToken = 'emulator-console';

/** What /_console/session answers: how the page signs its calls, or why it must ask. */
export type ConsoleSession = {
  strict: boolean;
  version: string;
  auth:
    | { kind: 'token'; token: string }
    | { kind: 'aksk'; accessKey: string; secretKey: string; securityToken?: string }
    | null;
  /** Why no credentials were handed over, when auth is null. */
  reason?: string;
};

interface SiteFile {
  body: Buffer;
  type: string;
  /** Named by its content's hash: it never changes under that name. */
  immutable: boolean;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

// Everything from the emulator itself: no inline script, no other origin. data: images are the icons
// the stylesheet embeds.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

const commonHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export interface ConsoleSiteOptions {
  /** The built console: its index.html and assets/. */
  dir: string;
  credentials: GatewayCredentials | undefined;
  version: string;
  /** The host the emulator listens on, besides the loopback names. */
  host: string;
  /** The key a page must give for the credentials: in the console's address the emulator prints. */
  key: string;
}

/**
 * Answers the requests under /_console (and /_console itself). The files are read once, when the console
 * is first asked for, and kept: the site is small, and a rebuild while the emulator runs cannot hand a
 * page half of one build and half of another. Until it is built, it is looked for on every request.
 */
export function createConsoleSite({ dir, credentials, version, host, key }: ConsoleSiteOptions): (request: IncomingMessage, response: ServerResponse, requestId: string) => void {
  let built: Map<string, SiteFile> | undefined;
  const strict = isStrict(credentials);

  const session = (request: IncomingMessage): ConsoleSession => {
    if (!strict) return { strict, version, auth: { kind: 'token', token: lenientConsoleToken } };
    const refusal = sessionRefusal(request, host, key);
    if (refusal) return { strict, version, auth: null, reason: refusal };
    const { keyPair, token } = credentials!;
    if (keyPair) return { strict, version, auth: { kind: 'aksk', accessKey: keyPair.accessKey, secretKey: keyPair.secretKey, ...(keyPair.securityToken && { securityToken: keyPair.securityToken }) } };
    return { strict, version, auth: { kind: 'token', token: token! } };
  };

  return (request, response, requestId) => {
    const send = (status: number, headers: Record<string, string>, body: Buffer | string) => {
      const payload = typeof body === 'string' ? Buffer.from(body) : body;
      response.writeHead(status, { ...commonHeaders, ...headers, 'Content-Length': String(payload.length), 'X-Request-Id': requestId });
      response.end(request.method === 'HEAD' ? undefined : payload);
    };
    const path = (request.url ?? '/').split('?', 1)[0]!;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, `${request.method} is not allowed on the console's files\n`);
    }
    if (path === consolePrefix.slice(0, -1)) return send(308, { Location: consolePrefix, 'Content-Type': 'text/plain; charset=utf-8' }, `The console is at ${consolePrefix}\n`);
    const name = path.slice(consolePrefix.length);
    if (name === 'session') {
      return send(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, JSON.stringify(session(request)));
    }
    const files = (built ??= readSite(dir));
    if (!files) {
      return send(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `The console is not built (${dir} has no index.html): run npm run build:console, then reload.\n`);
    }
    const file = files.get(name === '' ? 'index.html' : name);
    if (!file) return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, `${path} is not a file of the console\n`);
    send(200, {
      'Content-Type': file.type,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(file.type.startsWith('text/html') && { 'Content-Security-Policy': contentSecurityPolicy }),
    }, file.body);
  };
}

/**
 * The console's files by their path under dir (with "/"), or undefined when it is not built. A build
 * replaces the folder in two renames; read in between, the folder is gone for an instant, and is read
 * again.
 */
function readSite(dir: string): Map<string, SiteFile> | undefined {
  for (let attempt = 1; ; attempt++) {
    try {
      return readSiteOnce(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 5) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function readSiteOnce(dir: string): Map<string, SiteFile> | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, SiteFile>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) visit(path);
      else {
        const name = relative(dir, path).split(sep).join('/');
        files.set(name, { body: readFileSync(path), type: types[extname(entry)] ?? 'application/octet-stream', immutable: name.startsWith('assets/') });
      }
    }
  };
  visit(dir);
  return files;
}

/** Why this request gets no credentials, or undefined when it may have them. */
function sessionRefusal(request: IncomingMessage, host: string, key: string): string | undefined {
  const given = Buffer.from(new URL(request.url ?? '/', 'http://console').searchParams.get('key') ?? '');
  const expected = Buffer.from(key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the page was not opened from the address the emulator printed, which carries its key (…/_console/?key=…)';
  }
  const peer = request.socket.remoteAddress ?? '';
  if (!isLoopbackAddress(peer)) return `the page was opened from ${peer}: the emulator hands its credentials only to a page on its own machine`;
  return foreignRequest(request, host);
}
