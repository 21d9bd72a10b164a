// The benchmark's server: it answers every request with startWorkflowExecution's documented 200, at
// once. The benchmark runs it inside the process under test and in a process of its own (run this file
// directly: it prints `listening <port>`), since each placement flatters something different: in
// process, the server's work competes with the client's; in its own process, with nothing on an idle
// machine, and on a loaded one with everything else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({ execution_id: '48aff955-ea10-4ffd-b426-190bc192dc14' });
const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': '3c5e7a9b1d2f4e6a8c0b2d4f6a8c0e2b' };

/** Starts the server on a free loopback port. */
export async function startBenchServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, headers);
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

if (import.meta.main) {
  const { url, server } = await startBenchServer();
  console.log(`listening ${new URL(url).port}`);
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  process.on('disconnect', () => process.exit(0));
}
