// The HTML reference as a reader meets it: built by Redocly, served over HTTP on localhost, opened in
// a real headless Chromium (see test/helpers/chromium.ts), driven by playwright-core. A full-page
// screenshot is saved to test/artifacts/docs.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, serveDocs, type RunningDocs } from '../../scripts/docs.ts';
import { root } from '../../scripts/paths.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { parametersOf, resolveRef, type Json, type JsonObject } from '../helpers/contract.ts';
import { contractOperations, doc, exampleRequest } from '../helpers/requests.ts';

const artifacts = join(root, 'test', 'artifacts');
const work = mkdtempSync(join(tmpdir(), 'fgs-browser-'));
let docs: RunningDocs;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const file = join(work, 'index.html');
  buildDocs(file);
  docs = await serveDocs({ port: 0, file });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const failed: string[] = [];
  page.on('pageerror', (error) => failed.push(error.message));
  await page.goto(docs.url, { waitUntil: 'load' });
  await page.getByRole('heading', { name: 'FunctionGraph flows API' }).first().waitFor();
  expect(failed, 'the page threw while loading').toEqual([]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
  rmSync(work, { recursive: true, force: true });
});

const visible = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

const enumsOf = (raw: Json) => ((resolveRef(doc, raw) as JsonObject).enum as string[] | undefined) ?? [];

/** What a reader must find on each operation's page, taken from the contract. */
const expectations = contractOperations.map((op) => {
  // An operation without a request body (a GET, retry, stop) has no body example and no body enumeration.
  const body = op.operation.requestBody === undefined ? undefined : (resolveRef(doc, op.operation.requestBody as Json) as JsonObject);
  const media = (body?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  const schema = media ? (resolveRef(doc, media.schema as Json) as JsonObject) : {};
  const parameters = parametersOf(doc, op);
  return {
    id: op.operationId,
    tag: String((op.operation.tags as string[])[0]),
    summary: String(op.operation.summary),
    exampleKeys: Object.keys(exampleRequest(op).body),
    parameters: parameters.map((p) => String(p.name)),
    statuses: Object.keys(op.operation.responses as JsonObject),
    enums: [
      ...Object.values((schema.properties as JsonObject | undefined) ?? {}).flatMap(enumsOf),
      ...parameters.flatMap((p) => enumsOf(p.schema as Json)),
    ],
  };
});

describe('the HTML reference in Chromium', () => {
  it('opens on the title, and an introduction to flows, authentication, errors and regions', async () => {
    for (const text of ['FunctionGraph flows API', 'chains functions and other steps', 'IAM token', 'AK/SK signing', 'Every error answer has the same JSON body', '(Beijing-4)']) {
      await expect(visible(text).isVisible(), text).resolves.toBe(true);
    }
  });

  it.each(expectations.map((e) => [e.id, e] as const))('%s: reached from the sidebar, with its parameters, its request example, every documented status and its enumerations', async (_id, e) => {
    // As a reader does: open the tag in the sidebar, then the operation.
    const sidebar = page.locator('[data-component-name="Menu/Menu"]').first();
    await sidebar.getByText(e.tag, { exact: true }).first().click();
    await sidebar.getByText(e.summary).first().click();
    const section = page.locator(`[data-section-id="/${e.tag.toLowerCase().replaceAll(' ', '-')}/${e.id.toLowerCase()}"]`);
    await section.getByRole('heading', { name: e.summary }).waitFor({ state: 'visible' });
    const inSection = (text: string | RegExp) => section.getByText(text).filter({ visible: true }).first().isVisible();
    for (const name of e.parameters) await expect(inSection(name), `parameter ${name}`).resolves.toBe(true);
    for (const key of e.exampleKeys) await expect(inSection(`"${key}"`), `request example key ${key}`).resolves.toBe(true);
    for (const status of e.statuses) await expect(inSection(new RegExp(`^\\s*${status}\\s*$`)), `status ${status}`).resolves.toBe(true);
    for (const value of e.enums) await expect(inSection(`"${value}"`), `enumeration value ${value}`).resolves.toBe(true);
  });

  it('covers all fifteen operations, every documented status and the enumerations', () => {
    const byId = Object.fromEntries(expectations.map((e) => [e.id, e]));
    expect(Object.keys(byId).sort()).toEqual(['batchDeleteWorkflows', 'createCallbackWorkflow', 'createWorkflow', 'listWorkflow', 'listWorkflowExecutions', 'retryWorkFlow',
      'showTenantMetric', 'showWorkFlow', 'showWorkFlowMetric', 'showWorkflowExecution', 'showWorkflowExecutionForPage', 'startSyncWorkflowExecution',
      'startWorkflowExecution', 'stopWorkFlow', 'updateWorkFlow']);
    const withNotFound = ['200', '400', '401', '403', '404', '429', '500'];
    const withoutNotFound = ['200', '400', '401', '403', '429', '500'];
    for (const e of expectations) {
      const expected =
        e.id === 'createWorkflow' ? ['201', '400', '401', '403', '429', '500']
        : ['listWorkflowExecutions', 'showWorkflowExecutionForPage', 'listWorkflow', 'batchDeleteWorkflows', 'showTenantMetric', 'showWorkFlowMetric'].includes(e.id) ? withoutNotFound
        : withNotFound;
      expect(e.statuses, e.id).toEqual(expected);
    }
    expect(byId.createCallbackWorkflow!.enums).toEqual(['success', 'fail']);
    expect(byId.listWorkflowExecutions!.enums).toEqual(['success', 'fail', 'running', 'timeout', 'cancel']);
    expect(byId.showWorkflowExecutionForPage!.parameters).toEqual(['project_id', 'workflow_id', 'offset', 'limit', 'start_time', 'end_time']);
    expect(byId.listWorkflow!.parameters).toEqual(['project_id', 'workflow_name', 'limit', 'offset', 'enterprise_project', 'mode']);
    expect(byId.createWorkflow!.enums).toEqual(['NORMAL', 'EXPRESS']);
    expect(byId.listWorkflow!.enums).toEqual(['NORMAL', 'EXPRESS']);
    expect(byId.showWorkFlowMetric!.parameters).toEqual(['project_id', 'workflow_urn', 'period', 'start_time', 'end_time']);
  });

  it('saves a full-page screenshot', async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, 'docs.png');
    const image = await page.screenshot({ path: file, fullPage: true });
    expect(image.length).toBeGreaterThan(50_000);
    console.log(`docs screenshot: ${file} (${(image.length / 1024).toFixed(0)} KiB)`);
  });
});
