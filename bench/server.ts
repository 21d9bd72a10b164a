// The benchmark's server, in its own process so that its work is not counted against the client
// under test: it answers every request with startWorkflowExecution's documented 200, at once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({ execution_id: '48aff955-ea10-4ffd-b426-190bc192dc14' });
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': '3c5e7a9b1d2f4e6a8c0b2d4f6a8c0e2b' });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
