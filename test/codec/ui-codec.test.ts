import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SEARCH_ATTRIBUTES, employeeWorkflowId } from '../../workflows/contract';
import { startApi, TOKENS, type RunningApi } from '../api/support';
import { launchChromium } from '../helpers/browser';
import { freePort } from '../../scripts/lib/free-port';
import { employeeRecord } from '../helpers/lifecycle';
import { testCodec } from '../helpers/test-codec';

/**
 * The Temporal UI, in a real browser, shows an employee's payloads decoded through Tenure's codec
 * to a signed-in operator, and ciphertext to anyone else. The UI is the dev server's own (UI
 * 2.x), configured with `--ui-codec-endpoint` as `npm start` does; the operator's browser has
 * "include cross-origin credentials" ticked in the UI's codec settings, as the README says.
 */

const NAME = 'Quokkaface';
let connection: Connection;
let api: RunningApi;
let env: TestWorkflowEnvironment;
let browser: Browser;
let uiOrigin: string;
let workflowPath: string;

beforeAll(async () => {
  const codec = await testCodec();
  const temporalPort = await freePort();
  const uiPort = await freePort();
  uiOrigin = `http://127.0.0.1:${uiPort}`;
  connection = Connection.lazy({ address: `127.0.0.1:${temporalPort}` });
  api = await startApi(new Client({ connection, dataConverter: codec.dataConverter }), {
    env: { API_CODEC_ORIGINS: uiOrigin },
  });
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH! },
      ip: '127.0.0.1',
      port: temporalPort,
      ui: true,
      uiPort,
      searchAttributes: [...SEARCH_ATTRIBUTES],
      extraArgs: ['--ui-codec-endpoint', `${api.url}/codec`],
      log: { format: 'pretty', level: 'error' },
    },
    client: { dataConverter: codec.dataConverter },
  });
  // No worker: the run waits on its first task, and its input is in history, encrypted.
  const employee = employeeRecord(Date.now(), { employeeId: 'UI-1', givenName: 'Ada', familyName: NAME });
  const handle = await env.client.workflow.start('employeeLifecycleWorkflow', {
    taskQueue: 'ui-codec-test',
    workflowId: employeeWorkflowId(employee.employeeId),
    args: [{ employee }],
  });
  workflowPath = `/namespaces/default/workflows/${handle.workflowId}/${handle.firstExecutionRunId}/history`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await env?.teardown();
  await api?.close();
  await connection?.close();
});

/** A browser context whose UI sends cookies to the codec (the setting an operator ticks once). */
async function uiWithCredentials(): Promise<BrowserContext> {
  const context = await browser.newContext();
  // The keys and JSON values the UI's codec settings dialog stores.
  await context.addInitScript(
    [
      `localStorage.setItem('endpoint', ${JSON.stringify(JSON.stringify(`${api.url}/codec`))});`,
      `localStorage.setItem('includeCredentials', 'true');`,
      `localStorage.setItem('overrideRemoteCodecConfiguration', 'true');`,
    ].join('\n'),
  );
  return context;
}

async function bodyText(page: Page, until: (text: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.evaluate<string>('document.body.innerText');
    if (until(text) || Date.now() > deadline) return text;
    await page.waitForTimeout(250);
  }
}

describe("the Temporal UI through Tenure's codec", () => {
  it("shows a signed-in operator the employee's decoded input", async () => {
    const context = await uiWithCredentials();
    try {
      const login = await context.newPage();
      await login.goto(`${api.url}/codec/login`);
      await login.fill('#token', TOKENS.operator);
      await login.click('button[type=submit]');
      await login.getByText('Signed in').waitFor({ timeout: 10_000 });
      const page = await context.newPage();
      await page.goto(`${uiOrigin}${workflowPath}`);
      const text = await bodyText(page, (t) => t.includes(NAME));
      expect(text).toContain(NAME);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows ciphertext, never the name, to a browser without an operator session', async () => {
    const context = await uiWithCredentials();
    try {
      const page = await context.newPage();
      const refused = page.waitForResponse((r) => r.url().startsWith(`${api.url}/codec/decode`), { timeout: 30_000 });
      await page.goto(`${uiOrigin}${workflowPath}`);
      expect((await refused).status()).toBe(401);
      // The UI says the codec refused, and shows the input as the payload's bytes: base64 ciphertext.
      const text = await bodyText(page, (t) => /Input\s+"[A-Za-z0-9+/]{100,}/.test(t));
      expect(text).toContain('Codec Server could not connect');
      expect(text).toMatch(/Input\s+"[A-Za-z0-9+/]{100,}={0,2}"/);
      expect(text).not.toContain(NAME);
    } finally {
      await context.close();
    }
  }, 90_000);
});
