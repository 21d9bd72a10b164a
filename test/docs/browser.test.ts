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
import { resolveRef, type Json, type JsonObject } from '../helpers/contract.ts';
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
  await page.getByRole('heading', { name: 'FunctionGraph flow execution API' }).first().waitFor();
  expect(failed, 'the page threw while loading').toEqual([]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
  rmSync(work, { recursive: true, force: true });
});

const visible = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

/** What a reader must find on each operation's page, taken from the contract. */
const expectations = contractOperations.map((op) => {
  const body = resolveRef(doc, op.operation.requestBody as Json) as JsonObject;
  const media = (body.content as JsonObject)['application/json'] as JsonObject;
  const schema = resolveRef(doc, media.schema as Json) as JsonObject;
  const enums = Object.values(schema.properties as JsonObject).flatMap((p) => ((resolveRef(doc, p) as JsonObject).enum as string[] | undefined) ?? []);
  return {
    id: op.operationId,
    tag: String((op.operation.tags as string[])[0]),
    summary: String(op.operation.summary),
    exampleKeys: Object.keys(exampleRequest(op).body),
    statuses: Object.keys(op.operation.responses as JsonObject),
    enums,
  };
});

describe('the HTML reference in Chromium', () => {
  it('opens on the title, and an introduction to flows, authentication, errors and regions', async () => {
    for (const text of ['FunctionGraph flow execution API', 'chains functions and other steps', 'IAM token', 'AK/SK signing', 'Every error answer has the same JSON body', '(Beijing-4)']) {
      await expect(visible(text).isVisible(), text).resolves.toBe(true);
    }
  });

  it.each(expectations.map((e) => [e.id, e] as const))('%s: reached from the sidebar, with its request example, every documented status and its enumerations', async (_id, e) => {
    // As a reader does: open the tag in the sidebar, then the operation.
    const sidebar = page.locator('[data-component-name="Menu/Menu"]').first();
    await sidebar.getByText(e.tag, { exact: true }).first().click();
    await sidebar.getByText(e.summary).first().click();
    const section = page.locator(`[data-section-id="/${e.tag.toLowerCase().replaceAll(' ', '-')}/${e.id.toLowerCase()}"]`);
    await section.getByRole('heading', { name: e.summary }).waitFor({ state: 'visible' });
    const inSection = (text: string | RegExp) => section.getByText(text).filter({ visible: true }).first().isVisible();
    for (const key of e.exampleKeys) await expect(inSection(`"${key}"`), `request example key ${key}`).resolves.toBe(true);
    for (const status of e.statuses) await expect(inSection(new RegExp(`^\\s*${status}\\s*$`)), `status ${status}`).resolves.toBe(true);
    for (const value of e.enums) await expect(inSection(`"${value}"`), `enumeration value ${value}`).resolves.toBe(true);
  });

  it('covers both operations, every documented status and the result enumeration', () => {
    expect(expectations.map((e) => e.id)).toEqual(['startWorkflowExecution', 'createCallbackWorkflow']);
    for (const e of expectations) expect(e.statuses).toEqual(['200', '400', '401', '403', '404', '429', '500']);
    expect(expectations[1]!.enums).toEqual(['success', 'fail']);
  });

  it('saves a full-page screenshot', async () => {
    mkdirSync(artifacts, { recursive: true });
    const file = join(artifacts, 'docs.png');
    const image = await page.screenshot({ path: file, fullPage: true });
    expect(image.length).toBeGreaterThan(50_000);
    console.log(`docs screenshot: ${file} (${(image.length / 1024).toFixed(0)} KiB)`);
  });
});
