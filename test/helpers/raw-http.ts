// A request written byte for byte on a fresh connection, and the answer read back: for tests of what a
// server does with requests no HTTP client would send (malformed bodies, oversized headers, garbage),
// and of whether it answers at all. No answer within the deadline is a failure, with what arrived.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names in lower case; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** The status line and header lines as received. */
  head: string;
  body: string;
}

export interface RawRequest {
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The request's bytes: Host, Content-Length (when there is a body) and Connection: close are added unless given. */
export function requestBytes({ method = 'POST', target, headers = {}, body }: RawRequest): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`];
  const given = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  if (!given.has('host')) lines.push('Host: 127.0.0.1');
  if (body !== undefined && !given.has('content-length') && !given.has('transfer-encoding')) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  if (!given.has('connection')) lines.push('Connection: close');
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body ?? '')]);
}

/** Sends `bytes` to the server at `url` and reads the answer until the server closes or the body is complete. */
export function sendRaw(url: string, bytes: Buffer | string, deadlineMs = 30_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parse(received);
      if (answer) resolve(answer);
      else reject(error ?? new Error(`no complete answer (${received.length} bytes: ${JSON.stringify(received.toString('latin1').slice(0, 200))})`));
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${deadlineMs} ms (${received.length} bytes received)`)), deadlineMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parse(received)) finish();
    });
    // A server that answers early may reset the connection while the rest of a large request is still going out.
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
    socket.write(bytes);
  });
}

/** The first final (non-1xx) answer in the bytes, once its body is complete; undefined until then. */
function parse(bytes: Buffer): RawAnswer | undefined {
  let text = bytes.toString('latin1');
  for (;;) {
    const end = text.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const head = text.slice(0, end);
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
    if (status >= 100 && status < 200) {
      text = text.slice(end + 4);
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of head.split('\r\n').slice(1)) {
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim().toLowerCase();
      const value = line.slice(at + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const body = text.slice(end + 4);
    const length = Number(headers['content-length'] ?? Number.NaN);
    if (!Number.isNaN(length) && Buffer.byteLength(body, 'latin1') < length) return undefined;
    return { status, headers, head, body: Buffer.from(body, 'latin1').toString('utf8') };
  }
}
