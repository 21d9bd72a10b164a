// The emulator's console as its user meets it: built from emulator/console/ by its own build step,
// served by a real emulator (strict, with an access key pair, so that every call the page makes must be
// signed in the browser), opened in the project's real headless Chromium, and driven through the page
// with playwright-core. Screenshots go to test/artifacts/console-*.png; axe-core checks each page.
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, consoleDistDir } from '../../scripts/build-console.ts';
import { root } from '../../scripts/paths.ts';
import { createConsoleSite } from '../../emulator/src/gateway/console-site.ts';
import { contractRoutes, matchRoute } from '../../emulator/src/gateway/routes.ts';
import type { JsonObject } from '../../scripts/json.ts';
import { parse } from 'yaml';
import { createWorkflowClient, type FlowDefinition, type WorkflowClient } from '../../src/index.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { functionUrn, useEmulator } from '../helpers/emulator.ts';

const artifacts = join(root, 'test', 'artifacts');
const keyPair = { accessKey: 'CONSOLE-TEST-AK', secretKey: 'console-test-secret-key' };
const projectId = '0a2b4c6d8e9f41a3b5c7d9e1f3a5b7c9';
const orderFlow = JSON.parse(readFileSync(join(import.meta.dirname, 'order-flow.json'), 'utf8')) as FlowDefinition;
const tinyFlow: FlowDefinition = {
  name: 'tiny-flow',
  constants: {},
  retries: [],
  start: 'hello',
  mode: 'NORMAL',
  functions: [{ name: 'greet', operation: functionUrn('greet') }],
  states: [{ id: 'hello', name: 'hello', type: 'Operation', end: true, transition: '', actions: [{ function_ref: { ref_name: 'greet', arguments: { who: '$.who' } } }] }],
} as FlowDefinition;

// Built before the emulator starts, which reads the console's files when the page first asks.
let built: Awaited<ReturnType<typeof buildConsole>>;
beforeAll(async () => {
  built = await buildConsole();
}, 120_000);

const emulator = useEmulator({ credentials: { keyPair }, scenarios: join(import.meta.dirname, 'scenarios.json'), timeScale: 1 });
let api: WorkflowClient;
let orderFlowId: string;
let tinyFlowId: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Everything the pages asked for, and what went wrong in them. */
const requests: Request[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  api = createWorkflowClient({ endpoint: emulator.url, projectId, auth: keyPair });
  orderFlowId = (await api.createWorkflow(orderFlow)).id!;
  tinyFlowId = (await api.createWorkflow(tinyFlow)).id!;
  // console.test is this machine under another name: the page a DNS-rebinding site would be.
  browser = await launchChromium(['--host-resolver-rules=MAP console.test 127.0.0.1']);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: emulator.url });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // An error answer the page shows (a refusal, the 503 a test injects) is also logged by Chromium as a failed load.
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of [45]\d\d/.test(message.text())) pageErrors.push(message.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const consoleUrl = () => emulator.mock.console!;
const flowUrl = (id: string) => `${consoleUrl()}#/projects/${projectId}/flows/${id}`;

/** The page's accessibility problems of serious or critical impact, as axe-core finds them. */
async function seriousViolations(target: Page = page): Promise<string[]> {
  await target.evaluate(axe.source);
  const result = await target.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Whether the page fits its viewport's width: no sideways scrolling of the page, every control inside. */
async function fitsWidth(target: Page = page): Promise<{ scrollWidth: number; width: number; outside: string[] }> {
  return target.evaluate(() => {
    const width = window.innerWidth;
    const outside: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')) {
      // A control inside a box that scrolls sideways (a table, the graph) is reached by scrolling that box.
      if (element.closest('.table-scroll, .graph-scroll')) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && (box.left < -1 || box.right > width + 1)) outside.push(`${element.tagName} ${element.textContent?.trim() || element.getAttribute('aria-label') || element.id}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, outside };
  });
}

/** A request as a tool sends it, headers as given (Host included), on a connection of its own. */
function rawRequest(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const request = httpRequest(new URL(emulator.url), { path, method, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** The key in the console's address, which a strict emulator wants for its credentials. */
const consoleKey = () => new URL(consoleUrl()).searchParams.get('key')!;

const stateButton = (name: string) => page.getByRole('button', { name: new RegExp(`^${name} `) });

describe('the console, served by the emulator', () => {
  it('is built into emulator/console/dist, a script and a stylesheet with hashed names', () => {
    const names = built.map((file) => file.name.replaceAll('\\', '/'));
    expect(names).toContain('index.html');
    expect(names.filter((name) => /^assets\/index-[\w-]+\.js$/.test(name))).toHaveLength(1);
    expect(names.filter((name) => /^assets\/index-[\w-]+\.css$/.test(name))).toHaveLength(1);
    expect(consoleDistDir).toBe(join(root, 'emulator', 'console', 'dist'));
    // Built for production although a test runner sets NODE_ENV=test: JSX compiled for development
    // would carry each element's file and line, paths of this machine.
    const script = readFileSync(join(consoleDistDir, names.find((name) => name.endsWith('.js'))!), 'utf8');
    expect(script.includes('console/src/'), 'the script names its source files').toBe(false);
  });

  it('opens on the projects, fetching nothing from anywhere but the emulator, under a strict Content-Security-Policy', async () => {
    const response = await page.goto(consoleUrl());
    expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Projects', exact: true }).waitFor();
    await page.getByRole('link', { name: projectId }).waitFor();
    await expect(page.getByText('2 flows').isVisible()).resolves.toBe(true);
    const origins = new Set(requests.map((request) => new URL(request.url()).origin));
    expect([...origins]).toEqual([new URL(emulator.url).origin]);
    expect(pageErrors).toEqual([]);
  });

  it('says it signed in with the emulator\'s access key, and signs every API call with it', async () => {
    await expect(page.getByRole('status').filter({ hasText: 'Strict mode' }).textContent()).resolves.toBe(
      `Strict mode: signed in with the emulator's access key ${keyPair.accessKey}; every call is signed with AK/SK.`,
    );
    await expect(page.getByText(keyPair.secretKey).count()).resolves.toBe(0);
    const called = requests.find((request) => request.url().includes('/fgs/'));
    // The projects page makes no API call; the flows page does.
    await page.getByRole('link', { name: projectId }).click();
    await page.getByRole('link', { name: 'order-flow' }).waitFor();
    const listing = requests.find((request) => request.url().includes(`/v2/${projectId}/fgs/workflows?`));
    expect(called).toBeUndefined();
    expect(listing, 'the flows page lists the flows').toBeDefined();
    const authorization = (await listing!.allHeaders()).authorization;
    expect(authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${keyPair.accessKey}, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`));
  });

  it('lists the flows, paged as listWorkflow pages them', async () => {
    await expect(page.getByRole('link', { name: 'tiny-flow' }).isVisible()).resolves.toBe(true);
    // Two flows fit one page: there is nothing to page through.
    await expect(page.getByRole('navigation', { name: 'Flows pages' }).count()).resolves.toBe(0);
    await expect(seriousViolations()).resolves.toEqual([]);
  });
});

describe('a flow', () => {
  it('is drawn as a graph laid out by dagre: each state by type, transitions, and on_errors edges labelled with condition and retry policy', async () => {
    await page.getByRole('link', { name: 'order-flow' }).click();
    const graph = page.getByRole('group', { name: 'Graph of flow order-flow' });
    await graph.waitFor();
    await expect(stateButton('reserve').getAttribute('aria-label')).resolves.toBe('reserve Operation calls reserve');
    await expect(stateButton('cool-down').getAttribute('aria-label')).resolves.toBe('cool-down Sleep · 60 s');
    await expect(stateButton('ask').getAttribute('aria-label')).resolves.toBe('ask Operation calls ask-manager');
    await expect(graph.getByText('on $.errorCode == 503', { exact: true }).count()).resolves.toBe(1);
    await expect(graph.getByText('retry twice (2× every 1 s)', { exact: true }).count()).resolves.toBe(1);
    await expect(graph.getByText('on $.errorCode == 402', { exact: true }).count()).resolves.toBe(1);
    // dagre ranks the states top to bottom in the order the transitions take, and puts the two ends side by side.
    const box = async (name: string) => (await stateButton(name).boundingBox())!;
    const [reserve, cool, ask, ship, refund] = await Promise.all(['reserve', 'cool-down', 'ask', 'ship', 'refund'].map(box));
    expect(reserve!.y).toBeLessThan(cool!.y);
    expect(cool!.y).toBeLessThan(ask!.y);
    expect(ask!.y).toBeLessThan(ship!.y);
    expect(Math.abs(ship!.y - refund!.y)).toBeLessThan(1);
    expect(Math.abs(ship!.x - refund!.x)).toBeGreaterThan(ship!.width / 2);
    // Three transitions, the two error edges (one a retry looping back), and the two ends.
    await expect(graph.locator('.edge-next path').count()).resolves.toBe(3);
    await expect(graph.locator('.edge-error path').count()).resolves.toBe(2);
    await expect(graph.locator('.edge-end path').count()).resolves.toBe(2);
    await page.screenshot({ path: join(artifacts, 'console-flow.png'), fullPage: true });
  });

  it('opens a state from the keyboard, with its actions, arguments and error handling', async () => {
    await stateButton('ask').focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'State ask' });
    await details.waitFor();
    await expect(details.getByText('"ref_name": "ask-manager"').count()).resolves.toBe(1);
    await expect(details.getByText('on $.errorCode == 402 → refund').count()).resolves.toBe(1);
    await expect(stateButton('ask').getAttribute('aria-pressed')).resolves.toBe('true');
    // The panel takes the focus; Tab reaches its Close button, and closing gives the focus back to the state.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('state-title');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Close state ask');
    await page.keyboard.press('Enter');
    await details.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-state-id'))).resolves.toBe('ask');
  });

  it('refuses an input that is not a JSON object, naming the problem, and starts nothing', async () => {
    const input = page.getByLabel('Input (JSON object)');
    await input.fill('{"orderId": ');
    await expect(page.getByText(/^The input is not JSON: /).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Start' }).isDisabled()).resolves.toBe(true);
    await input.fill('[1, 2]');
    await expect(page.getByText('The input must be a JSON object, such as {"orderId": 42}.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Start' }).isDisabled()).resolves.toBe(true);
    await expect(seriousViolations()).resolves.toEqual([]);
  });
});

describe('an execution, walked from the page to a callback and resumed there', () => {
  let executionId: string;

  it('starts with an input and a test case, and follows it live, node by node', async () => {
    await expect(page.getByLabel('Test case').locator('option').allTextContents()).resolves.toEqual(['Default (no header)', 'Default', 'Straight', 'RefusedOnce']);
    await page.getByLabel('Input (JSON object)').fill('{"orderId": 42}');
    await page.getByLabel('Test case').selectOption('Default');
    const started = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/workflows/${orderFlowId}/executions`));
    await page.getByRole('button', { name: 'Start' }).click();
    expect((await (await started).allHeaders())['x-emulator-test-case']).toBe('Default');
    await page.getByText('Live: read again every second while it runs.').waitFor();
    executionId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
    expect((await api.showWorkflowExecution({ workflowId: orderFlowId, executionId })).input).toEqual({ orderId: 42 });
    // The first reserve call answers 503, which on_errors retries a second later; then the flow sleeps 60 s.
    await stateButton('cool-down').and(page.locator('[aria-label="cool-down Sleep · 60 s sleeping"]')).waitFor({ timeout: 15_000 });
    await expect(stateButton('reserve').getAttribute('aria-label')).resolves.toBe('reserve Operation calls reserve succeeded · 2 attempts');
    await expect(stateButton('ask').getAttribute('aria-label')).resolves.toBe('ask Operation calls ask-manager not run');
  });

  it('shows the virtual clock and moves it from the page, which wakes the sleeping state', async () => {
    const before = (await emulator.admin('GET', '/_emulator/clock')).body as { skipped_ms: number };
    expect(before.skipped_ms).toBe(0);
    await expect(page.getByTestId('clock-now').textContent()).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await page.getByText(/next timer \d{4}-/).waitFor();
    await page.getByRole('button', { name: 'Advance the clock 1 min' }).click();
    await page.getByText('60 s skipped').waitFor();
    expect(((await emulator.admin('GET', '/_emulator/clock')).body as { skipped_ms: number }).skipped_ms).toBe(60_000);
    await stateButton('ask').and(page.locator('[aria-label="ask Operation calls ask-manager waits for a callback"]')).waitFor();
    await page.screenshot({ path: join(artifacts, 'console-running.png'), fullPage: true });
  });

  it('shows the node\'s run and state IDs, ready to copy, the same the emulator gives any client', async () => {
    await stateButton('ask').click();
    const details = page.getByRole('region', { name: 'State ask' });
    const { body } = await emulator.admin('GET', `/_emulator/projects/${projectId}/waits`);
    const wait = (body.waits as Array<{ execution_id: string; kind: string; callback?: Record<string, string> }>).find((w) => w.execution_id === executionId && w.kind === 'callback')!;
    const runId = wait.callback!['X-Workflow-Run-Id']!;
    const stateId = wait.callback!['X-Workflow-State-Id']!;
    expect(runId).toBe(executionId);
    await expect(details.locator('[data-copy="X-Workflow-Run-Id"]').textContent()).resolves.toBe(runId);
    await expect(details.locator('[data-copy="X-Workflow-State-Id"]').textContent()).resolves.toBe(stateId);
    await details.getByRole('button', { name: 'Copy X-Workflow-State-Id' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(stateId);
    await expect(seriousViolations()).resolves.toEqual([]);
  });

  it('sends the callback from the page with success and an output; the flow ends in success and the page stops reading it', async () => {
    const details = page.getByRole('region', { name: 'State ask' });
    await details.getByLabel('Output (JSON object)').fill('{"approved": true}');
    const callback = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/workflows/${orderFlowId}/callback`));
    await details.getByRole('button', { name: 'Send the callback' }).click();
    const sent = await callback;
    expect(JSON.parse(sent.postData()!)).toEqual({ result: 'success', output: { approved: true } });
    await page.getByText('Ended: the page no longer reads it again.').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('execution-status').textContent()).resolves.toMatch(/^succeeded · began .* · ended /);
    const finished = await api.showWorkflowExecution({ workflowId: orderFlowId, executionId });
    expect(finished.status).toBe('success');
    expect(finished.output).toEqual({ shipped: true });
    await expect(stateButton('ship').getAttribute('aria-label')).resolves.toBe('ship Operation calls ship succeeded');
    await expect(stateButton('refund').getAttribute('aria-label')).resolves.toBe('refund Operation calls refund not run');
    await expect(page.getByLabel('Execution output', { exact: true }).textContent()).resolves.toContain('"shipped": true');
    // The page reads an execution every second while it runs; once it has ended, never again.
    const reads = () => requests.filter((request) => request.method() === 'GET' && request.url().includes(`/executions/${executionId}`)).length;
    expect(reads()).toBeGreaterThan(2);
    const after = reads();
    await page.waitForTimeout(1_500);
    expect(reads()).toBe(after);
    await page.screenshot({ path: join(artifacts, 'console-finished.png'), fullPage: true });
  });

  it('opens a node for its attempts: input, output and the error of the one that failed', async () => {
    await stateButton('reserve').click();
    const details = page.getByRole('region', { name: 'State reserve' });
    await details.waitFor();
    await expect(details.getByText('Error: 503: the stock service is busy').count()).resolves.toBe(1);
    await expect(details.getByLabel('Attempt 1 input', { exact: true }).textContent()).resolves.toBe(JSON.stringify({ orderId: 42 }, null, 2));
    await expect(details.getByLabel('Attempt 2 output', { exact: true }).textContent()).resolves.toBe(JSON.stringify({ reserved: true }, null, 2));
    await expect(details.locator('ol.attempts > li').count()).resolves.toBe(2);
  });

  it('shows the function calls the emulator recorded, each with its input and answer', async () => {
    const calls = page.getByRole('region', { name: 'Function calls' });
    const rows = calls.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    await expect(rows.locator('td:nth-child(3)').allTextContents()).resolves.toEqual(['reserve', 'reserve', 'ask-manager', 'ship']);
    await rows.nth(3).getByText('Input and answer').click();
    await expect(rows.nth(3).getByLabel('Call 4 input', { exact: true }).textContent()).resolves.toBe(JSON.stringify({ approved: true }, null, 2));
    await expect(rows.nth(3).getByLabel('Call 4 answer', { exact: true }).textContent()).resolves.toContain('"shipped": true');
    await expect(seriousViolations()).resolves.toEqual([]);
  });
});

describe('stop and retry, where the API allows them', () => {
  it('offers retry on a failed execution, retries it from the page, then stops it from the page', async () => {
    await page.goto(flowUrl(orderFlowId));
    await page.getByLabel('Input (JSON object)').fill('{"orderId": 13}');
    await page.getByLabel('Test case').selectOption('RefusedOnce');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('Ended: the page no longer reads it again.').waitFor();
    await expect(page.getByTestId('execution-status').textContent()).resolves.toMatch(/^failed/);
    await expect(page.getByRole('button', { name: 'Stop the execution' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Retry from the failed node' }).click();
    // The retried reserve succeeds; the flow goes on to sleep, and can be stopped.
    await stateButton('cool-down').and(page.locator('[aria-label="cool-down Sleep · 60 s sleeping"]')).waitFor();
    await expect(page.getByRole('button', { name: 'Retry from the failed node' }).count()).resolves.toBe(0);
    // A read that fails (a bad network, a busy server) does not end the following: the page says so,
    // and reads again, later.
    const running = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
    await page.route(`**/executions/${running}`, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error_code: 'FSS.0503', error_msg: 'The service is busy.', request_id: '1'.repeat(32) }) }), { times: 1 });
    const failedRead = page.getByRole('alert').filter({ hasText: 'FSS.0503' });
    await failedRead.waitFor();
    await expect(page.getByTestId('live').textContent()).resolves.toBe('Live: read again every second while it runs, and again after a failed read.');
    await failedRead.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('button', { name: 'Stop the execution' }).click();
    await page.getByText('Ended: the page no longer reads it again.').waitFor();
    await expect(page.getByTestId('execution-status').textContent()).resolves.toMatch(/^stopped/);
    const executionId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
    expect((await api.showWorkflowExecution({ workflowId: orderFlowId, executionId })).status).toBe('cancel');
  });

  it('starts with no test case, sending no header', async () => {
    // A flow the scenarios file does not name: its functions answer their arguments, at once.
    await page.goto(flowUrl(tinyFlowId));
    await expect.poll(() => page.getByLabel('Test case').locator('option').allTextContents()).toEqual(['None (no header)']);
    await page.getByLabel('Input (JSON object)').fill('{"who": "the page"}');
    const started = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/workflows/${tinyFlowId}/executions`));
    await page.getByRole('button', { name: 'Start' }).click();
    expect((await (await started).allHeaders())['x-emulator-test-case']).toBeUndefined();
    await page.getByText('Ended: the page no longer reads it again.').waitFor();
    await expect(page.getByLabel('Execution output', { exact: true }).textContent()).resolves.toBe(JSON.stringify({ who: 'the page' }, null, 2));
  });

  it('jumps the clock to the next timer, and fails a node with a callback from the page', async () => {
    await page.goto(flowUrl(orderFlowId));
    await page.getByLabel('Test case').selectOption('Straight');
    await page.getByRole('button', { name: 'Start' }).click();
    await stateButton('cool-down').and(page.locator('[aria-label="cool-down Sleep · 60 s sleeping"]')).waitFor();
    const before = (await emulator.admin('GET', '/_emulator/clock')).body as { now_ms: number; next_due_ms: number };
    await page.getByRole('button', { name: 'To the next timer' }).click();
    await stateButton('ask').and(page.locator('[aria-label="ask Operation calls ask-manager waits for a callback"]')).waitFor();
    // The jump ended the Sleep and no more: the clock stands at (or just past) the Sleep's end.
    const after = (await emulator.admin('GET', '/_emulator/clock')).body as { now_ms: number };
    expect(after.now_ms).toBeGreaterThanOrEqual(before.next_due_ms);
    expect(after.now_ms - before.next_due_ms).toBeLessThan(30_000);
    await stateButton('ask').click();
    const details = page.getByRole('region', { name: 'State ask' });
    await details.getByLabel('fail, with an error').check();
    await expect(details.getByRole('button', { name: 'Send the callback' }).isDisabled()).resolves.toBe(true);
    await details.getByLabel('Error (1 to 64 characters)').fill('Declined by the manager');
    const callback = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/workflows/${orderFlowId}/callback`));
    await details.getByRole('button', { name: 'Send the callback' }).click();
    expect(JSON.parse((await callback).postData()!)).toEqual({ result: 'fail', output: {}, error: 'Declined by the manager' });
    await page.getByText('Ended: the page no longer reads it again.').waitFor();
    await expect(page.getByTestId('execution-status').textContent()).resolves.toMatch(/^failed/);
    await expect(details.locator('.attempt-error').textContent()).resolves.toContain('the callback reported fail: Declined by the manager');
    await expect(stateButton('ship').getAttribute('aria-label')).resolves.toBe('ship Operation calls ship not run');
  });

  it('shows what the API refuses with its code and message, not a blank page', async () => {
    await page.goto(`${consoleUrl()}#/projects/${projectId}/flows/no-such-flow`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('.error-code').textContent()).resolves.toBe('FGS.5002');
    await expect(alert.locator('.error-message').textContent()).resolves.toBe('Function flow not found: this project has no flow no-such-flow');
    await expect(alert.textContent()).resolves.toMatch(/\(request [0-9a-f]{32}\)$/);
    // An address with an escape that does not decode is no page, said so, not a blank one.
    await page.goto(`${consoleUrl()}#/projects/%E0%A4%A`);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('No such page: #/projects/%E0%A4%A. See the projects.');
  });
});

describe('the executions of a flow', () => {
  beforeAll(async () => {
    // With the one the page started above: 21, a page and one more.
    const started = await Promise.all(Array.from({ length: 20 }, (_, i) => api.startWorkflowExecution({ workflowId: tinyFlowId, input: { who: `caller ${i}` } })));
    await Promise.all(started.map(({ execution_id }) => api.waitForExecution({ workflowId: tinyFlowId, executionId: execution_id! }, { intervalMs: 20 })));
  });

  it('are paged as the API pages them: 20 at a time, by offset', async () => {
    await page.goto(flowUrl(tinyFlowId));
    const table = page.getByRole('region', { name: 'Executions' }).locator('tbody tr');
    await page.getByText('Executions 1 to 20').waitFor();
    await expect(table.count()).resolves.toBe(20);
    const next = page.waitForRequest((request) => request.url().includes(`/workflows/${tinyFlowId}/executions?`) && new URL(request.url()).searchParams.get('offset') === '20');
    await page.getByRole('button', { name: 'Next page' }).click();
    expect(new URL((await next).url()).searchParams.get('limit')).toBe('20');
    await page.getByText('Executions 21 to 21').waitFor();
    await expect(table.count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Next page' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.getByText('Executions 1 to 20').waitFor();
  });

  it('are filtered by status and by time, in the API\'s own parameters', async () => {
    const filtered = page.waitForRequest((request) => new URL(request.url()).searchParams.get('status') === 'running');
    await page.getByLabel('Status', { exact: true }).selectOption('running');
    await filtered;
    await page.getByText('No execution matches.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('success');
    await page.getByText('Executions 1 to 20').waitFor();
    const windowed = page.waitForRequest((request) => new URL(request.url()).searchParams.get('end_time') === '2000-01-01 00:00:00');
    await page.getByLabel('Started until (UTC)').fill('2000-01-01T00:00:00');
    await page.getByLabel('Started until (UTC)').dispatchEvent('change');
    expect(new URL((await windowed).url()).searchParams.get('status')).toBe('success');
    await page.getByText('No execution matches.').waitFor();
  });
});

describe('layout', () => {
  it('holds at 1280×800 and at 390×844: no page-wide sideways scrolling, every control on screen', async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      for (const hash of [`#/projects/${projectId}`, `#/projects/${projectId}/flows/${orderFlowId}`]) {
        await page.goto(`${consoleUrl()}${hash}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('table, svg.graph').first().waitFor();
        const fit = await fitsWidth();
        expect({ viewport, hash, ...fit }).toEqual({ viewport, hash, scrollWidth: viewport.width, width: viewport.width, outside: [] });
      }
    }
    const executions = page.getByRole('region', { name: 'Executions' }).getByRole('link');
    const listed = page.waitForResponse((response) => new URL(response.url()).searchParams.get('status') === 'success');
    await page.getByLabel('Status', { exact: true }).selectOption('success');
    await listed;
    await executions.first().click();
    await page.getByText('Ended: the page no longer reads it again.').waitFor();
    const fit = await fitsWidth();
    expect(fit).toEqual({ scrollWidth: 390, width: 390, outside: [] });
    // On a phone the state's panel is below the graph: opening a state brings it into view.
    await stateButton('ship').click();
    const panel = page.getByRole('region', { name: 'State ship' });
    await panel.waitFor();
    await expect.poll(async () => (await page.getByRole('heading', { name: 'State ship' }).boundingBox())!.y).toBeLessThan(844);
    expect(await fitsWidth()).toEqual({ scrollWidth: 390, width: 390, outside: [] });
    await page.screenshot({ path: join(artifacts, 'console-phone.png'), fullPage: true });
    await expect(seriousViolations()).resolves.toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(pageErrors).toEqual([]);
  });
});

describe('what the pages asked for', () => {
  it('is each an operation of the contract, an endpoint of openapi/emulator.yaml, or a file of the console: nothing a client cannot do', () => {
    const contract = JSON.parse(readFileSync(join(root, 'generated', 'openapi.json'), 'utf8')) as JsonObject;
    const own = parse(readFileSync(join(root, 'openapi', 'emulator.yaml'), 'utf8')) as JsonObject;
    const routes = [...contractRoutes(contract), ...contractRoutes(own)];
    const asked = new Set(requests.map((request) => `${request.method()} ${new URL(request.url()).pathname}`));
    const other = [...asked].filter((entry) => {
      const [method, path] = entry.split(' ') as [string, string];
      if (path.startsWith('/_console/') || path === '/_console') return method !== 'GET';
      return 'unknown' in matchRoute(routes, method, path);
    });
    expect(other).toEqual([]);
    // The pages used both kinds, and every kind of action.
    for (const expected of ['POST /v2/', 'GET /_emulator/projects', 'POST /_emulator/clock/advance']) expect([...asked].some((entry) => entry.startsWith(expected)), expected).toBe(true);
    for (const action of ['/executions', '/callback', '/retry', '/terminate']) expect([...asked].some((entry) => entry.startsWith('POST ') && entry.endsWith(action)), action).toBe(true);
  });
});

describe('the credentials', () => {
  it('are handed only to a page that gives the key the emulator printed, on this machine, from its own origin', async () => {
    const session = async (key: string | undefined, headers: Record<string, string> = {}) => {
      const answer = await rawRequest(key === undefined ? '/_console/session' : `/_console/session?key=${key}`, { headers });
      return { ...answer, json: JSON.parse(answer.body) as { auth: unknown; reason?: string } };
    };
    expect(consoleKey()).toMatch(/^[0-9a-f]{32}$/);
    const own = await session(consoleKey());
    expect(own.json.auth).toEqual({ kind: 'aksk', ...keyPair });
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    // What a proxy in front of the emulator, or a page that rebinds its host name, would send.
    const refused = {
      'no key': await session(undefined),
      'a wrong key': await session('0'.repeat(32)),
      'a key of another length': await session('ab'),
      'another host name': await session(consoleKey(), { Host: 'attacker.example:4010' }),
      'another site': await session(consoleKey(), { 'Sec-Fetch-Site': 'cross-site' }),
      'another origin': await session(consoleKey(), { Origin: 'http://attacker.example' }),
    };
    expect(Object.fromEntries(Object.entries(refused).map(([what, answer]) => [what, answer.json.auth]))).toEqual(Object.fromEntries(Object.keys(refused).map((what) => [what, null])));
    expect(refused['no key'].json.reason).toBe('the page was not opened from the address the emulator printed, which carries its key (…/_console/?key=…)');
    expect(refused['another host name'].json.reason).toContain('not this machine\'s loopback address');
    expect(refused['another site'].json.reason).toBe('the request came from another site (Sec-Fetch-Site: cross-site)');
    for (const answer of Object.values(refused)) expect(answer.body).not.toContain(keyPair.secretKey);
  });

  it('guard the emulator\'s own endpoints too: no page of another site or host name reaches them, and no preflight is answered', async () => {
    expect((await rawRequest('/_emulator/projects')).status).toBe(200);
    for (const headers of [{ Host: 'attacker.example:4010' }, { Origin: 'http://attacker.example' }, { 'Sec-Fetch-Site': 'cross-site' }]) {
      const answer = await rawRequest('/_emulator/projects', { headers });
      expect([headers, answer.status, answer.headers['access-control-allow-origin']]).toEqual([headers, 403, undefined]);
      expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'Emulator.403' });
    }
    const advanced = await rawRequest('/_emulator/clock/advance', { method: 'POST', headers: { Origin: 'http://attacker.example', 'Content-Type': 'text/plain' } });
    expect(advanced.status).toBe(403);
    const preflight = await rawRequest(`/_emulator/projects/${projectId}`, { method: 'OPTIONS', headers: { Origin: 'http://attacker.example', 'Access-Control-Request-Method': 'DELETE' } });
    expect([preflight.status, preflight.headers['access-control-allow-origin']]).toEqual([403, undefined]);
    // The console's own calls, same-origin, still go through: the pages above used them.
    expect((await rawRequest('/_emulator/clock', { headers: { Origin: new URL(emulator.url).origin, 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(200);
  });

  it('are asked for, saying why, when the page is opened without the key; then the page works with them', async () => {
    const other = await context.newPage();
    await other.goto(`${emulator.url}/_console/`);
    await other.getByRole('heading', { name: 'Sign in to the emulator' }).waitFor();
    await expect(other.getByRole('status').textContent()).resolves.toContain('not opened from the address the emulator printed');
    await other.getByLabel('an access key pair').check();
    await other.getByLabel('Access key', { exact: true }).fill(keyPair.accessKey);
    await other.getByLabel('Secret key', { exact: true }).fill(keyPair.secretKey);
    await expect(seriousViolations(other)).resolves.toEqual([]);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('link', { name: projectId }).click();
    await other.getByRole('link', { name: 'order-flow' }).waitFor();
    await other.close();
  });

  it('are not handed to a page under another host name, even with the key, and the emulator\'s endpoints refuse that page', async () => {
    // console.test is this machine under another name: what a page that rebinds its host name is.
    const other = await context.newPage();
    await other.goto(`http://console.test:${new URL(emulator.url).port}/_console/?key=${consoleKey()}`);
    await other.getByRole('heading', { name: 'Sign in to the emulator' }).waitFor();
    await expect(other.getByRole('status').textContent()).resolves.toContain('not this machine\'s loopback address');
    // The key leaves the address bar once read.
    expect(new URL(other.url()).search).toBe('');
    await other.getByLabel('an access key pair').check();
    await other.getByLabel('Access key', { exact: true }).fill(keyPair.accessKey);
    await other.getByLabel('Secret key', { exact: true }).fill(keyPair.secretKey);
    await other.getByRole('button', { name: 'Sign in' }).click();
    // The projects and the clock, both the emulator's own endpoints: each refused, and said so.
    await expect.poll(() => other.getByRole('alert').locator('.error-code').allTextContents()).toEqual(['Emulator.403', 'Emulator.403']);
    await other.close();
  });

  it('a wrong secret key gets the gateway\'s refusal on the page, with its code, and can be typed again', async () => {
    const other = await context.newPage();
    await other.goto(`${emulator.url}/_console/#/projects/${projectId}`);
    await other.getByLabel('an access key pair').check();
    await other.getByLabel('Access key', { exact: true }).fill(keyPair.accessKey);
    await other.getByLabel('Secret key', { exact: true }).fill('not-the-secret');
    await other.getByRole('button', { name: 'Sign in' }).click();
    const alert = other.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('.error-code').textContent()).resolves.toBe('APIGW.0301');
    await other.getByRole('button', { name: 'Sign in again' }).click();
    await other.getByRole('heading', { name: 'Sign in to the emulator' }).waitFor();
    await other.close();
  });
});

describe('the console\'s files', () => {
  it('are served only as what the build wrote: no path outside it, no method but GET and HEAD', async () => {
    expect((await rawRequest('/_console')).headers.location).toBe('/_console/');
    for (const path of ['/_console/../package.json', '/_console/%2e%2e/%2e%2e/package.json', '/_console/assets/../../src/main.tsx', '/_console/src/main.tsx', '/_console/nothing.js']) {
      const answer = await rawRequest(path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
    expect((await rawRequest('/_console/', { method: 'POST' })).status).toBe(405);
    const script = built.find((file) => file.name.endsWith('.js'))!.name.replaceAll('\\', '/');
    const asset = await rawRequest(`/_console/${script}`);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  /** A console site alone, on a loopback port of its own, for the time of `use`. */
  const withSite = async (options: Omit<Parameters<typeof createConsoleSite>[0], 'version' | 'host' | 'key'>, use: (origin: string) => Promise<void>) => {
    const site = createConsoleSite({ ...options, version: '0.0.0', host: '127.0.0.1', key: 'k'.repeat(32) });
    const server: Server = createServer((request, response) => site(request, response, '0'.repeat(32)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await use(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  };

  it('hand a token to the page when the emulator has only a token', async () => {
    await withSite({ dir: consoleDistDir, credentials: { token: 'the-token' } }, async (origin) => {
      await expect((await fetch(`${origin}/_console/session?key=${'k'.repeat(32)}`)).json()).resolves.toEqual({ strict: true, version: '0.0.0', auth: { kind: 'token', token: 'the-token' } });
    });
  });

  it('answer 503 with what to run when the console is not built', async () => {
    await withSite({ dir: join(root, 'test', 'console', 'no-such-build'), credentials: undefined }, async (origin) => {
      const response = await fetch(`${origin}/_console/`);
      expect(response.status).toBe(503);
      await expect(response.text()).resolves.toMatch(/The console is not built .*: run npm run build:console, then reload\./);
      // The session still answers: lenient, with the token any lenient gateway takes.
      await expect((await fetch(`${origin}/_console/session`)).json()).resolves.toEqual({ strict: false, version: '0.0.0', auth: { kind: 'token', token: 'emulator-console' } });
    });
  });
});
