// `npm run mock [-- --port 4010 --access-key AK --secret-key SK --token TOKEN]`: bundles the contract,
// then serves the mock (mock/: an API gateway in front of Prism) until Ctrl-C. Every option may also
// come from the environment: MOCK_PORT, MOCK_ACCESS_KEY, MOCK_SECRET_KEY, MOCK_SECURITY_TOKEN, MOCK_TOKEN.
import { mockBanner, serveMock } from '../emulator/src/cli/serve.ts';
import { mockSettingsFrom, usage } from '../emulator/src/cli/options.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDir } from '../emulator/src/contract.ts';
import { bundleContract } from './bundle.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(usage('npm run mock --'));
  process.exit(0);
}
try {
  // Refuse bad options before the slow part.
  const { credentials } = mockSettingsFrom(argv);
  bundleContract();
  // The console is built once; npm run build:console builds it again after a change to it. Vite is
  // loaded only then.
  if (!existsSync(join(consoleDir, 'index.html'))) await (await import('./build-console.ts')).buildConsole();
  const mock = await serveMock(argv);
  console.log(`\n${mockBanner(mock, credentials)}\n\nPress Ctrl-C to stop.`);
} catch (error) {
  console.error(`npm run mock: ${(error as Error).message}`);
  process.exit(2);
}
