// The answers Huawei's API gateway gives on its own, before a request reaches FunctionGraph: the code,
// the HTTP status and the message, as the gateway words them.
//
// Sources:
// - IAM authentication (APIGW.0301): the gateway section of the workflow facts, gathered from Huawei's
//   FAQ pages ("How do I handle the error APIG.0301"), the API Gateway FAQ "Common errors related to IAM
//   authentication information", huaweicloud-sdk-java-v3 issue #44 and huaweicloud-sdk-python issue #13.
// - Everything else: the error-code table of the API Request Signing Guide,
//   https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-errorcode.html (the shared
//   gateway's APIGW.* codes; the dedicated API Gateway lists the same numbers as APIG.*).

export interface GatewayError {
  status: number;
  code: string;
  message: string;
}

const iam = 'Incorrect IAM authentication information: ';

export const gatewayErrors = {
  /** No API is published at this path. */
  apiNotFound: { status: 404, code: 'APIGW.0101', message: 'The API does not exist or has not been published in the environment.' },
  /** The path exists, but not with this method. */
  methodNotFound: { status: 404, code: 'APIGW.0101', message: 'The API does not exist.' },
  /** A request the gateway cannot parse (here: a path whose percent-encoding does not decode). */
  requestInvalid: { status: 400, code: 'APIGW.0201', message: 'API request error.' },
  /** A body over 12 MiB. */
  entityTooLarge: { status: 413, code: 'APIGW.0201', message: 'Request entity too large.' },
  /** A request target over 32 KiB. */
  uriTooLarge: { status: 414, code: 'APIGW.0201', message: 'Request URI too large.' },
  /** A header over 32 KiB, or over 128 KiB of headers in all (494 is the gateway's own status). */
  headersTooLarge: { status: 494, code: 'APIGW.0201', message: 'Request headers too large.' },
  /** The backend (here: Prism) cannot be reached. */
  backendUnavailable: { status: 502, code: 'APIGW.0201', message: 'Backend unavailable.' },
  /** The backend did not answer in time. */
  backendTimeout: { status: 504, code: 'APIGW.0201', message: 'Backend timeout.' },

  /** An AK/SK signature that does not verify: a wrong secret key, or a changed body, path, query or signed header. */
  signatureInvalid: { status: 401, code: 'APIGW.0301', message: `${iam}verify aksk signature fail` },
  /** X-Sdk-Date more than 15 minutes from the gateway's clock; both times in `YYYYMMDDTHHMMSSZ`. */
  signatureExpired: (signatureTime: string, serverTime: string): GatewayError => ({
    status: 401,
    code: 'APIGW.0301',
    message: `${iam}calc aksk signature fail:signature expired, signature time:${signatureTime},server time:${serverTime}`,
  }),
  /** An access key the gateway does not know (cut to 128 characters, so the message stays within 512). */
  accessKeyUnknown: (accessKey: string): GatewayError => ({
    status: 401,
    code: 'APIGW.0301',
    message: `${iam}Get secretKey failed,ak:${accessKey.slice(0, 128)},err:ak not exist`,
  }),
  /** An X-Auth-Token that is not a valid token. */
  tokenInvalid: { status: 401, code: 'APIGW.0301', message: `${iam}decrypt token fail` },
  /** Neither a token nor a signature. */
  tokenMissing: { status: 401, code: 'APIGW.0301', message: `${iam}x-auth-token not found` },
} as const;

/** The gateway's error body. Every answer's request ID is also its X-Request-Id header. */
export function errorBody(error: GatewayError, requestId: string): { error_code: string; error_msg: string; request_id: string } {
  return { error_code: error.code, error_msg: error.message, request_id: requestId };
}
