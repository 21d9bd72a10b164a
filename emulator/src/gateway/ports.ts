// Loopback ports: whether one is free, and one that is.
import { createServer, type AddressInfo } from 'node:net';

function listenOnce(host: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

export async function portIsFree(host: string, port: number): Promise<boolean> {
  return (await listenOnce(host, port)) !== undefined;
}

/** A port that was free a moment ago. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const port = await listenOnce(host, 0);
  if (port === undefined) throw new Error(`cannot listen on ${host}`);
  return port;
}
