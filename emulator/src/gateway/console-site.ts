// The console's web site, under /_console/: the files its build wrote (emulator/console/, built into
// emulator/console/dist/ by scripts/build-console.ts), and /_console/session, which tells the page how
// to sign its API calls. The page calls the contract's operations and /_emulator/ through the gateway,
// as any client does; nothing here answers an API call.
//
// The session hands a strict emulator's credentials to the page, so it is given only to a page of this
// machine that the emulator served itself: a request from a loopback address, naming a loopback host
// (so that a DNS-rebinding page on another origin cannot read it), and not sent cross-site. Anything else
// gets no credentials, and the page asks for them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayCredentials } from './gateway.ts';

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
}

/**
 * Answers the requests under /_console (and /_console itself). The files are read once, here: the site
 * is small, and a rebuild while the emulator runs cannot hand a page half of one build and half of another.
 */
export function createConsoleSite({ dir, credentials, version, host }: ConsoleSiteOptions): (request: IncomingMessage, response: ServerResponse, requestId: string) => void {
  const files = readSite(dir);
  const strict = credentials !== undefined && (credentials.keyPair !== undefined || credentials.token !== undefined);

  const session = (request: IncomingMessage): ConsoleSession => {
    if (!strict) return { strict, version, auth: { kind: 'token', token: lenientConsoleToken } };
    const refusal = sessionRefusal(request, host);
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
    if (!files) {
      return send(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, `The console is not built (${dir} has no index.html): run npm run build:console, then restart the emulator.\n`);
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

/** The console's files by their path under dir (with "/"), or undefined when it is not built. */
function readSite(dir: string): Map<string, SiteFile> | undefined {
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
function sessionRefusal(request: IncomingMessage, host: string): string | undefined {
  const peer = request.socket.remoteAddress ?? '';
  if (!isLoopbackAddress(peer)) return `the page was opened from ${peer}, another machine: the emulator hands its credentials only to a page on its own machine`;
  const hostname = hostnameOf(request.headers.host);
  if (hostname === undefined || !(isLoopbackName(hostname) || hostname === host)) {
    return 'the page was opened under a host name that is not this machine\'s loopback address (127.0.0.1, localhost or [::1])';
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `the request came from another site (Sec-Fetch-Site: ${site})`;
  return undefined;
}

function isLoopbackAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The host name of a Host header, without its port; undefined when there is none or it is malformed. */
function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header);
  return match?.[1]?.toLowerCase();
}
