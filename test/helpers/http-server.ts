// A real HTTP server on an ephemeral loopback port, for tests that need to see exactly what went on
// the wire and to answer in ways a real gateway might (empty bodies, HTML pages, resets, silence).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface ReceivedRequest {
  method: string;
  /** The request target exactly as sent: path and query, still percent-encoded. */
  target: string;
  headers: IncomingHttpHeaders;
  /** Header names and values in the order they arrived. */
  rawHeaders: string[];
  body: string;
  /** The body's bytes exactly as received. */
  rawBody: Buffer;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse, socket: Socket) => void;

export interface TestServer {
  url: string;
  requests: ReceivedRequest[];
  /** Replaces how the server answers. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Answers 200 with a JSON body and an X-Request-Id, like the service's success. */
export const answerJson =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-0001', ...headers });
    response.end(JSON.stringify(body));
  };

export async function startServer(handler: Handler = answerJson(200, { execution_id: 'exec-1' })): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let current = handler;
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        target: incoming.url ?? '',
        headers: incoming.headers,
        rawHeaders: incoming.rawHeaders,
        rawBody: Buffer.concat(chunks),
        body: '',
      };
      request.body = request.rawBody.toString('utf8');
      requests.push(request);
      current(request, response, incoming.socket);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * One server for a test file: started before its tests, stopped after them, its request log cleared
 * (and its handler reset to `initial`) before each test. Read `.current` inside tests.
 */
export function useTestServer(initial?: Handler): { readonly current: TestServer } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(initial);
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    server!.requests.length = 0;
    if (initial) server!.handle(initial);
  });
  return {
    get current() {
      if (!server) throw new Error('the test server is not running yet');
      return server;
    },
  };
}

/** A loopback port nothing listens on: a connection to it is refused. */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
