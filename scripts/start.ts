// `npm start`: build what a newcomer needs (bundles, types, docs), then serve the mock API and the
// HTML reference on localhost until Ctrl-C. Ports: MOCK_PORT (4010) and DOCS_PORT (4080), or --port
// and --docs-port. The mock takes the same credentials as `npm run mock` (strict mode).
import { startMock } from '../emulator/src/mock.ts';
import { describeAuthentication, describeEmulator, mockSettingsFrom, strictModeHint, usage } from '../emulator/src/cli/options.ts';
import { consoleLine, runLogging } from '../emulator/src/cli/serve.ts';
import { portFrom } from './cli.ts';
import { buildConsole } from './build-console.ts';
import { buildDocs, defaultDocsPort, serveDocs } from './docs.ts';
import { generate } from './generate.ts';
import { root } from './paths.ts';

const argv = process.argv.slice(2);
const startOptions = { 'docs-port': { variable: 'DOCS_PORT', takes: 'the docs server\'s port (4080)' } };
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(usage('npm start --', startOptions));
  process.exit(0);
}
let settings: ReturnType<typeof mockSettingsFrom>;
let docsPort: number;
try {
  settings = mockSettingsFrom(argv, process.env, startOptions);
  docsPort = portFrom(argv, 'DOCS_PORT', defaultDocsPort, 'docs-port');
} catch (error) {
  console.error(`npm start: ${(error as Error).message}`);
  process.exit(2);
}

console.log('Building the bundles, types, docs and console from openapi/ …');
await generate();
buildDocs();
await buildConsole();

const docs = await serveDocs({ port: docsPort });
let mock;
try {
  mock = await startMock({ ...settings, ...runLogging(settings.logLevel ?? 'warn') });
} catch (error) {
  await docs.stop();
  throw error;
}

const auth = settings.credentials?.token
  ? "-H 'X-Auth-Token: <the --token you gave>'"
  : settings.credentials
    ? "-H 'X-Auth-Token: …'   (or sign it with the access key you gave)"
    : "-H 'X-Auth-Token: any-token'";
const project = '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9';
// No single quote inside: the command puts the JSON in single quotes for the shell.
const flow = JSON.stringify({
  name: 'hello', start: 'greet', constants: { nobody: 'world' }, retries: [],
  functions: [{ name: 'greet', operation: `urn:fss:cn-north-4:${project}:function:default:greet:latest` }],
  states: [{ id: 'greet', name: 'greet', type: 'Operation', end: true, transition: '', actions: [{ function_ref: { ref_name: 'greet', arguments: { who: '$.name | $CONST.nobody' } } }] }],
});
const example = mock.emulator
  ? `curl -s -X POST '${mock.url}/v2/${project}/fgs/workflows' ${auth} \\
  -H 'Content-Type: application/json' -d '${flow}'
# then, with the "id" it answers:
curl -s -X POST '${mock.url}/v2/${project}/fgs/workflows/<id>/executions' ${auth} \\
  -H 'Content-Type: application/json' -d '{"input": {"name": "Ada"}}'`
  : `curl -i -X POST '${mock.url}/v2/${project}/fgs/workflows/6f2d1b0c-8e3a-4b5d-9c7e-1a2b3c4d5e6f/executions' \\
  ${auth} -H 'Content-Type: application/json' \\
  -d '{"input": {"orderId": 42}}'`;
console.log(`
${mock.emulator ? `  Emulator   ${mock.url}   (an API gateway in front of the emulator: Prism validates each request, flows run)` : `  Mock API   ${mock.url}   (an API gateway in front of Prism: validates requests against the contract, answers with its examples)`}
${describeEmulator(mock.emulator).join('\n')}
  Auth       ${describeAuthentication(settings.credentials)}
${mock.console ? `${consoleLine(mock.console, mock.strict)}\n` : ''}  API docs   ${docs.url}${mock.emulator ? `   (the emulator's own endpoints: ${docs.url}emulator.html)` : ''}

${mock.emulator ? 'Create a flow and run it:' : 'Start a flow execution on the mock:'}

${example}

Pick a documented answer instead with Prism's Prefer header, e.g. -H 'Prefer: code=404' or
-H 'Prefer: code=404, example=ResourceNotFound'. Sources are in ${root}openapi/.
${mock.strict ? '' : `\n${strictModeHint('npm start --')}\n`}
Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await Promise.all([mock.stop(), docs.stop()]);
  console.log('Stopped the mock and the docs server.');
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));
