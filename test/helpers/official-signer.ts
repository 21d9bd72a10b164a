// Huawei's official Node signer (AKSKSigner of @huaweicloud/huaweicloud-sdk-core), loaded once, as a
// test oracle. It takes the request as the official SDK builds it: raw IDs in the endpoint's path,
// the query as an object, the body as a value it serialises with JSON.stringify.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: OfficialRequest, credential: unknown): Record<string, string> };
};
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as {
  BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } };
};

export interface OfficialRequest {
  method: string;
  endpoint: string;
  headers: Record<string, string>;
  data?: unknown;
  queryParams: Record<string, string>;
}

/** The Authorization header the official signer computes for a request. */
export function officialAuthorization(request: OfficialRequest, accessKey: string, secretKey: string): string {
  return AKSKSigner.sign(request, new BasicCredentials().withAk(accessKey).withSk(secretKey)).Authorization!;
}
