// Builds the HTML reference with Redocly into build/docs/ (not committed), and serves it on localhost:
// the contract at /, the emulator's own endpoints at /emulator.html.
// --inlineBundle embeds Redoc's scripts, so the page works offline and from a file.
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { apiName, bin, docsFile, emulatorApiName } from './paths.ts';
import { runOrThrow } from './run.ts';

export const defaultDocsPort = 4080;

/** Builds the contract's page into `outFile`, and the emulator's beside it as emulator.html. */
export function buildDocs(outFile: string = docsFile): void {
  mkdirSync(dirname(outFile), { recursive: true });
  runOrThrow(bin('redocly'), ['build-docs', apiName, '--inlineBundle', '-o', outFile]);
  runOrThrow(bin('redocly'), ['build-docs', emulatorApiName, '--inlineBundle', '-o', join(dirname(outFile), 'emulator.html')]);
}

export interface RunningDocs {
  url: string;
  stop(): Promise<void>;
}

/** Serves the one built page at `/`; port 0 picks a free port. */
export async function serveDocs({ port = defaultDocsPort, host = '127.0.0.1', file = docsFile } = {}): Promise<RunningDocs> {
  const page = readFileSync(file);
  const emulatorPage = readFileSync(join(dirname(file), 'emulator.html'));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (path === '/emulator.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': emulatorPage.length, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : emulatorPage);
    } else if (path === '/' || path === '/index.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length, 'Cache-Control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : page);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the reference is at /, the emulator\'s own endpoints at /emulator.html\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}/`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (import.meta.main) {
  buildDocs();
  console.log(`Built the API reference: ${docsFile}`);
}
