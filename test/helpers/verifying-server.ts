// A test HTTP server that checks every signature it receives with the mock gateway's own verifier
// (emulator/src/gateway/aksk-verifier.ts: node:crypto, none of the client's code), and answers as the gateway does:
// 200 when the signature holds, 401 APIGW.0301 with the gateway's message otherwise. Unlike the mock,
// it lets a test set the server's clock and see each request exactly as it arrived.
import { verifySignature, type SignatureFailure } from '../../emulator/src/gateway/aksk-verifier.ts';
import { errorBody, gatewayErrors } from '../../emulator/src/gateway/gateway-errors.ts';
import { startServer, type ReceivedRequest, type TestServer } from './http-server.ts';

export type Verdict = 'valid' | SignatureFailure;

/** The gateway's verdict on a request a test server received, with these access keys and secrets. */
export function verifyReceived(request: ReceivedRequest, secrets: Record<string, string>, now: Date) {
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) headers.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  const find = (accessKey: string) => (accessKey in secrets ? { secretKey: secrets[accessKey]! } : undefined);
  return verifySignature({ method: request.method, target: request.target, headers, body: request.rawBody }, find, now);
}

export async function startVerifyingServer(secrets: Record<string, string>, now: () => Date = () => new Date()): Promise<TestServer & { verdicts: Verdict[] }> {
  const verdicts: Verdict[] = [];
  const server = await startServer((request, response) => {
    const verdict = verifyReceived(request, secrets, now());
    verdicts.push(verdict.ok ? 'valid' : verdict.failure);
    const error =
      verdict.ok ? undefined
      : verdict.failure === 'expired' ? gatewayErrors.signatureExpired(verdict.signatureTime!, verdict.serverTime!)
      : verdict.failure === 'unknown-access-key' ? gatewayErrors.accessKeyUnknown(verdict.accessKey!)
      : gatewayErrors.signatureInvalid;
    response.writeHead(error?.status ?? 200, { 'Content-Type': 'application/json', 'X-Request-Id': 'verifier' });
    response.end(JSON.stringify(error ? errorBody(error, 'verifier') : { execution_id: 'signed-ok' }));
  });
  return Object.assign(server, { verdicts });
}
