// What an editor shows on hover, asked of TypeScript's language service as an editor asks it: every
// method's doc comment is its operation's summary and description from the contract, and
// createWorkflowClient has one, from either entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from '../../scripts/paths.ts';
import { contractOperations } from '../helpers/requests.ts';

const file = join(root, 'test', 'types', '__hover__.ts');
const methodCalls = contractOperations.map((op) => `client.${op.operationId};`).join('\n');
const source = `import { createWorkflowClient } from '../../src/index.ts';
import { createWorkflowClient as createNodeClient } from '../../node/index.ts';
const client = createWorkflowClient({ region: 'cn-north-4', auth: { token: 't' } });
createNodeClient;
${methodCalls}
client.waitForExecution;
`;

function languageService(): ts.LanguageService {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => ts.ScriptSnapshot.fromString(name === file ? source : readFileSync(name, 'utf8')),
    getCurrentDirectory: () => root,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host);
}

const service = languageService();
/** The documentation shown over the last identifier of `text`, where it first stands in the source. */
const hover = (text: string) => {
  const identifier = /(\w+)\W*$/.exec(text)![1]!;
  const info = service.getQuickInfoAtPosition(file, source.indexOf(text) + text.lastIndexOf(identifier) + 1);
  return ts.displayPartsToString(info?.documentation ?? []);
};

describe('doc comments on hover', () => {
  it.each(contractOperations.map((op) => [op.operationId, op] as const))('%s shows its summary, its method and path, and its description', (id, op) => {
    const shown = hover(`client.${id};`);
    expect(shown).toContain(`${String(op.operation.summary)}.`);
    expect(shown).toContain(`${op.method.toUpperCase()} ${op.path}`);
    expect(shown).toContain(String(op.operation.description).trim().split('\n')[0]!.slice(0, 60));
  });

  it('createWorkflowClient, from either entry, and waitForExecution have one', () => {
    expect(hover('= createWorkflowClient')).toMatch(/^A client of FunctionGraph's flows API/);
    expect(hover('createNodeClient;')).toMatch(/^A client of FunctionGraph's flows API.*In Node\.js it sends/s);
    expect(hover('client.waitForExecution;')).toMatch(/Polls `showWorkflowExecution`/);
  });
});
