// Whether a request comes from this machine's own pages and tools, for what only they may use: the
// emulator's own endpoints (/_emulator/) and the console's session. A web page elsewhere can make a
// browser send requests to 127.0.0.1 too: across sites (a form, a fetch in no-cors mode), or after
// rebinding its own host name to 127.0.0.1. The first carries an Origin or Sec-Fetch-Site that names
// another site; the second a Host that is not this machine's. A tool (curl, a test) sends neither.
import type { IncomingMessage } from 'node:http';

/** Why this request is not one of this machine's own, or undefined when it is. */
export function foreignRequest(request: IncomingMessage, host: string): string | undefined {
  const hostname = hostnameOf(request.headers.host);
  if (hostname === undefined || !(isLoopbackName(hostname) || hostname === host.toLowerCase())) {
    return `the request names the host ${JSON.stringify(request.headers.host ?? '')}, not this machine's loopback address (127.0.0.1, localhost or [::1])`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `the request came from another site (Sec-Fetch-Site: ${site})`;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host}`) return `the request came from the page of another origin (Origin: ${origin})`;
  return undefined;
}

export function isLoopbackAddress(address: string): boolean {
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
