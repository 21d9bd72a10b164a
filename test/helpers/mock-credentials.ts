// The credentials the strict mock of the test run is started with (see test/setup/mock.ts).
export const strictCredentials = {
  accessKey: 'HPUAMOCKACCESSKEY001',
  secretKey: 'mock-secret-7Gq9ZpW2xR5vT8nB3mK6jL1h',
  token: 'MIIMOCK-token-for-the-strict-mock',
} as const;

export const strictMockArgs = [
  '--access-key', strictCredentials.accessKey,
  '--secret-key', strictCredentials.secretKey,
  '--token', strictCredentials.token,
];
