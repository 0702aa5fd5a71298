/**
 * `tenure import` on the real stack (dev server, worker, emulator, the API over HTTP): the shipped
 * samples dry-run and applied, a second run changing nothing, movers and leaves, malformed files
 * answered line by line with nothing applied, conflicts, an interrupted import resumed, and a
 * 10,000-row file diffed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { employeeWorkflowId } from '../../workflows/contract';
import { FAST_POLICY, startApi, TOKENS, type RunningApi } from '../api/support';
import { DAY, dateIn } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { ROOT, example, exampleText, fileWith, runCli, tenureCsv } from './support';

let stack: RealStack;
let api: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({ policy: { ...FAST_POLICY, reminderInterval: '1 hour' } });
  // The import sends a request or two per row: the rate limit is the bench's business, not this test's.
  api = await startApi(stack.env.client, { env: { API_RATE_LIMIT_MAX: '0' } });
});

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

const started = async (employeeId: string) => {
  try {
    await stack.env.client.workflow.getHandle(employeeWorkflowId(employeeId)).describe();
    return true;
  } catch {
    return false;
  }
};
const status = async (id: string) => (await api.call('GET', `/v1/employees/${id}`)).body;
const workday = ['--mapping', example('workday/mapping.json')];
const soon = dateIn(Date.now() + 10 * DAY);
/** A JSON-lines record of Tenure's fields. */
const jsonLine = (employeeId: string, startDate: string) => ({
  employeeId,
  email: `${employeeId.toLowerCase()}@example.com`,
  givenName: 'A',
  familyName: 'B',
  timeZone: 'UTC',
  startDate,
});
const row = (id: string) => [id, `${id.toLowerCase()}@example.com`, 'A', 'B', 'Sales', 'UTC', soon, ''];
const byId = <R extends { employeeId?: string }>(rows: R[], id: string): R => rows.find((r) => r.employeeId === id)!;

describe('tenure import', () => {
  it('dry-runs the Workday-style sample: four joiners, each with its planned timeline, and nothing started', async () => {
    const run = await runCli(api.url, [example('workday/workers.csv'), ...workday, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.summary).toMatchObject({ rows: 4, joiners: 4, applied: 4, failed: 0, dryRun: true, ok: true });
    for (const row of run.rows) {
      expect(row).toMatchObject({ kind: 'joiner', result: { outcome: 'planned' } });
      expect(row.plan!.projection.map((s) => s.action)).toContain('provision');
    }
    // A leave in the file is planned, and counted as destructive.
    expect(byId(run.rows, 'WD-1003').plan!.projection.map((s) => s.action)).toContain('deactivate');
    expect(run.summary.destructive).toBeGreaterThan(0);
    expect(await started('WD-1001')).toBe(false);
  });

  it('on a terminal, draws a progress bar on stderr and prints the diff with each plan and the summary', async () => {
    const run = await runCli(api.url, [example('workday/workers.csv'), ...workday, '--dry-run'], { terminal: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/diff +\[.*\] 4\/4 rows \| \d+ rows\/s \| ETA/);
    expect(run.stderr).toMatch(/dry-run \[.*\] 4\/4 rows/);
    expect(run.stdout).toContain('joiners (4):\n  line 2       WD-1001\n               plan: provision ');
    expect(run.stdout).toMatch(
      /4 rows · 4 joiners · 0 movers .*\ndry run: 4 planned, 0 refused; \d+ destructive actions planned; nothing changed/,
    );
  });

  it('applies the Workday-style sample, and a second run of the same file changes nothing', async () => {
    const first = await runCli(api.url, [example('workday/workers.csv'), ...workday]);
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ joiners: 4, applied: 4, failed: 0, ok: true });
    // Rows print as they finish: in line order here.
    const keys = [...first.rows].sort((a, b) => a.line! - b.line!).map((r) => r.request?.idempotencyKey);
    expect(keys).toEqual([
      expect.stringMatching(/^tenure-import\.[0-9a-f]{32}\.line-2$/),
      expect.stringMatching(/\.line-3$/),
      expect.stringMatching(/\.line-4$/),
      expect.stringMatching(/\.line-5$/),
    ]);
    const grace = await status('WD-1003');
    expect(grace.employee).toMatchObject({ title: 'Rear Admiral "Amazing" Engineer', leaveDate: '2027-12-31' });
    const again = await runCli(api.url, [example('workday/workers.csv'), ...workday]);
    expect(again.code).toBe(0);
    expect(again.summary).toMatchObject({ unchanged: 4, joiners: 0, applied: 0 });
  });

  it('applies the BambooHR-style sample (BOM, US dates, default zone) through its mapping', async () => {
    const run = await runCli(api.url, [
      example('bamboohr/employees.csv'),
      '--mapping',
      example('bamboohr/mapping.json'),
    ]);
    expect(run.code).toBe(0);
    expect(run.summary).toMatchObject({ joiners: 3, applied: 3 });
    expect((await status('BH-203')).employee).toMatchObject({ startDate: '2027-03-15', timeZone: 'America/Denver' });
  });

  it('turns a changed export into movers and leave changes: the fields that change, a leave set, moved and removed', async () => {
    const changed = exampleText('workday/workers.csv')
      .replace('Analyst,Engineering', 'Senior Analyst,Research')
      .replace('2025-02-03,,Active', '2025-02-03,2027-06-30,Active')
      .replace('2027-01-11,2027-12-31', '2027-01-11,2027-11-30')
      .replace('2027-02-01,,', '2027-02-01,2027-05-31,');
    const dry = await runCli(api.url, [fileWith(changed), ...workday, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(byId(dry.rows, 'WD-1002')).toMatchObject({ kind: 'change', fields: ['title', 'department'] });
    expect(byId(dry.rows, 'WD-1001')).toMatchObject({ kind: 'change', fields: [], leave: 'set' });
    expect(byId(dry.rows, 'WD-1003')).toMatchObject({ kind: 'change', leave: 'moved' });
    expect(byId(dry.rows, 'WD-1001').plan!.projection.map((s) => s.action)).toContain('deactivate');
    const run = await runCli(api.url, [fileWith(changed), ...workday]);
    expect(run.summary).toMatchObject({ movers: 1, leavesSet: 2, leavesMoved: 1, applied: 4, ok: true });
    expect((await status('WD-1002')).employee).toMatchObject({ title: 'Senior Analyst', department: 'Research' });
    expect((await status('WD-1001')).employee).toMatchObject({ leaveDate: '2027-06-30' });
    // Back to the original file: the leaves it does not carry are removed.
    const back = await runCli(api.url, [example('workday/workers.csv'), ...workday]);
    expect(byId(back.rows, 'WD-1001')).toMatchObject({
      kind: 'change',
      leave: 'removed',
      result: { outcome: 'applied' },
    });
    expect((await status('WD-1001')).employee!.leaveDate).toBeUndefined();
  });

  it('answers malformed CSV with line-numbered errors and applies nothing', async () => {
    const cases: { csv: string; problem: RegExp; line: number }[] = [
      {
        csv: tenureCsv([['MAL-1', 'mal1@example.com', 'A', 'B', 'Sales', 'UTC', soon, '']]).replace('A,B', '"A,B'),
        problem: /unbalanced quote/,
        line: 2,
      },
      {
        csv: 'employeeId,email,givenName,familyName,timeZone\r\nMAL-2,mal2@example.com,A,B,UTC\r\n',
        problem: /required column 'startDate' is missing/,
        line: 1,
      },
    ];
    for (const c of cases) {
      const run = await runCli(api.url, [fileWith(c.csv)]);
      expect(run.code).toBe(1);
      expect(run.fileProblems).toEqual([{ line: c.line, message: expect.stringMatching(c.problem) }]);
      expect(run.summary).toMatchObject({ stopped: 'file-problems', applied: 0 });
    }
    // Rows that are each wrong: a duplicate id, a wrong date format; the good row is not applied either.
    const rows = tenureCsv([
      ['MAL-3', 'mal3@example.com', 'A', 'B', 'Sales', 'UTC', soon, ''],
      ['MAL-4', 'mal4@example.com', 'A', 'B', 'Sales', 'UTC', '31.12.2027', ''],
      ['MAL-5', 'mal5@example.com', 'A', 'B', 'Sales', 'UTC', soon, ''],
      ['MAL-5', 'mal5b@example.com', 'A', 'B', 'Sales', 'UTC', soon, ''],
    ]);
    const run = await runCli(api.url, [fileWith(`\uFEFF${rows}`)]);
    expect(run.code).toBe(1);
    expect(run.summary).toMatchObject({ invalid: 3, joiners: 1, applied: 0, notStarted: 1, stopped: 'invalid-rows' });
    const invalid = run.rows.filter((r) => r.kind === 'invalid');
    expect(invalid.map((r) => [r.line, r.problems!.join('; ')])).toEqual([
      [3, "column 'startDate': '31.12.2027' is not a date in YYYY-MM-DD form"],
      [4, 'the row: employee MAL-5 appears on lines 4, 5: keep one row per employee'],
      [5, 'the row: employee MAL-5 appears on lines 4, 5: keep one row per employee'],
    ]);
    for (const id of ['MAL-1', 'MAL-2', 'MAL-3', 'MAL-4', 'MAL-5']) expect(await started(id)).toBe(false);
  });

  it('holds back a file with a conflict (an e-mail that belongs to someone else) unless told to skip it', async () => {
    const holder = tenureCsv([['CON-0', 'con0@example.com', 'A', 'B', 'Sales', 'UTC', soon, '']]);
    expect((await runCli(api.url, [fileWith(holder)])).code).toBe(0);
    const csv = tenureCsv([
      ['CON-1', 'CON0@example.com', 'A', 'B', 'Sales', 'UTC', soon, ''],
      ['CON-2', 'con2@example.com', 'A', 'B', 'Sales', 'UTC', soon, ''],
    ]);
    const held = await runCli(api.url, [fileWith(csv)]);
    expect(held.code).toBe(1);
    expect(byId(held.rows, 'CON-1')).toMatchObject({
      line: 2,
      kind: 'conflict',
      note: 'the e-mail belongs to employee CON-0 in Tenure: one directory account per address',
    });
    expect(await started('CON-2')).toBe(false);
    const skipped = await runCli(api.url, [fileWith(csv), '--skip-invalid']);
    expect(skipped.code).toBe(1);
    expect(skipped.summary).toMatchObject({ conflicts: 1, applied: 1 });
    expect(await started('CON-2')).toBe(true);
    expect(await started('CON-1')).toBe(false);
  });

  it('resumes an interrupted import: a re-run applies the rest, and what was applied stays unchanged', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      `RES-${i}`,
      `res${i}@example.com`,
      'A',
      'B',
      'Sales',
      'UTC',
      soon,
      '',
    ]);
    const file = fileWith(tenureCsv(rows));
    const first = await runCli(api.url, [file, '--concurrency', '2'], { interruptAfterRows: 10 });
    expect(first.code).toBe(1);
    expect(first.summary.notStarted).toBeGreaterThan(0);
    expect(first.summary.applied + first.summary.notStarted).toBe(30);
    const second = await runCli(api.url, [file]);
    expect(second.code).toBe(0);
    expect(second.summary).toMatchObject({ unchanged: first.summary.applied, joiners: first.summary.notStarted });
    expect(second.summary.applied).toBe(first.summary.notStarted);
  });

  // 10,000 look-ups through the API: about 25 s on a quiet machine, several times that on a busy one.
  it('diffs a 10,000-row file, names its one bad row by line, and applies nothing', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [
      `BIG-${i}`,
      `big${i}@example.com`,
      `Given${i}`,
      `Family${i}`,
      `Dept ${i % 40}`,
      'Europe/Berlin',
      i === 9_876 ? '2027-13-01' : soon,
      '',
    ]);
    const run = await runCli(api.url, [fileWith(tenureCsv(rows))]);
    expect(run.code).toBe(1);
    expect(run.summary).toMatchObject({
      rows: 10_000,
      joiners: 9_999,
      invalid: 1,
      applied: 0,
      stopped: 'invalid-rows',
    });
    expect(run.rows).toHaveLength(10_000);
    const bad = run.rows.find((r) => r.kind === 'invalid')!;
    expect(bad).toMatchObject({ line: 9_878, employeeId: 'BIG-9876' });
    expect(await started('BIG-0')).toBe(false);
  }, 240_000);

  it('runs as `npx tenure import` on JSON lines: one JSON line per row when piped, a summary, the exit code', async () => {
    const lines = [jsonLine('JL-1', soon), jsonLine('JL-2', 'soon')];
    const file = fileWith(lines.map((l) => JSON.stringify(l)).join('\n'), 'feed.jsonl');
    const child = spawn(process.execPath, [join(ROOT, 'cli', 'tenure.mjs'), 'import', file, '--skip-invalid'], {
      env: { ...process.env, TENURE_API_URL: api.url, TENURE_API_TOKEN: TOKENS.hr },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Rows print as their outcome is known: the invalid one at once, the joiner once applied.
    const printed = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(printed).toHaveLength(3);
    expect(printed[1]).toMatchObject({
      line: 1,
      employeeId: 'JL-1',
      kind: 'joiner',
      result: { outcome: 'applied', status: 201 },
    });
    expect(printed[0]).toMatchObject({
      line: 2,
      kind: 'invalid',
      problems: [expect.stringMatching(/^column 'startDate'/)],
    });
    expect(printed[2].summary).toMatchObject({ joiners: 1, invalid: 1, applied: 1, ok: false });
    expect(code).toBe(1);
  });

  describe('POST /v1/imports', () => {
    const post = (body: string, query = '', type = 'text/csv', as: 'hr' | 'operator' = 'hr') =>
      api.call('POST', `/v1/imports${query}`, { as, rawBody: body, headers: { 'content-type': type } });
    const bamboo = exampleText('bamboohr/employees.csv')
      .replaceAll('BH-', 'RB-')
      .replaceAll('@example.com', '@rb.example.com');

    it('dry-runs, applies and re-applies a BambooHR-style export in-process, and the CLI then finds it unchanged', async () => {
      const dry = await post(bamboo, '?mapping=bamboohr&dryRun=true');
      expect(dry.status).toBe(200);
      const planned = dry.body as unknown as {
        summary: Record<string, unknown>;
        rows: { plan?: { projection: unknown[] } }[];
      };
      expect(planned.summary).toMatchObject({ joiners: 3, applied: 3, dryRun: true, ok: true });
      expect(planned.rows.every((r) => (r.plan?.projection.length ?? 0) > 0)).toBe(true);
      expect(await started('RB-201')).toBe(false);
      const applied = await post(bamboo, '?mapping=bamboohr');
      expect(applied.status).toBe(200);
      expect(applied.body.summary).toMatchObject({ joiners: 3, applied: 3, ok: true });
      expect((await post(bamboo, '?mapping=bamboohr')).body.summary).toMatchObject({ unchanged: 3, applied: 0 });
      const cli = await runCli(api.url, [fileWith(bamboo), '--mapping', example('bamboohr/mapping.json')]);
      expect(cli.summary).toMatchObject({ unchanged: 3, applied: 0, ok: true });
    });

    it('counts an import once against the rate limit, not once per row', async () => {
      const limited = await startApi(stack.env.client, { env: { API_RATE_LIMIT_MAX: '3' } });
      try {
        const rows = Array.from({ length: 6 }, (_, i) => row(`RL-${i}`));
        const res = await limited.call('POST', '/v1/imports', {
          rawBody: tenureCsv(rows),
          headers: { 'content-type': 'text/csv' },
        });
        // Six rows are a dozen requests in-process; the caller spent one of its three.
        expect(res.status).toBe(200);
        expect(res.body.summary).toMatchObject({ joiners: 6, applied: 6, ok: true });
        expect((await limited.call('GET', '/v1/employees/RL-0')).status).toBe(200);
        expect((await limited.call('GET', '/v1/employees/RL-0')).status).toBe(200);
        expect((await limited.call('GET', '/v1/employees/RL-0')).status).toBe(429);
      } finally {
        await limited.close();
      }
    });

    it('takes JSON lines, and refuses invalid rows (422, line by line), a malformed file (400), other media types and roles', async () => {
      const jsonl = [jsonLine('RJ-1', soon), jsonLine('RJ-2', '2027-02-30')].map((l) => JSON.stringify(l)).join('\n');
      const refused = await post(jsonl, '', 'application/x-ndjson');
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'IMPORT_REFUSED',
        details: [
          { path: 'line 2', message: expect.stringMatching(/^column 'startDate': must be a real calendar date/) },
        ],
      });
      expect(await started('RJ-1')).toBe(false);
      const skipped = await post(jsonl, '?skipInvalid=true', 'application/x-ndjson');
      expect(skipped.status).toBe(200);
      expect(skipped.body.summary).toMatchObject({ joiners: 1, invalid: 1, applied: 1, ok: false });
      const malformed = await post('employeeId,email\n"E1,x\n');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error!.details).toEqual([
        { path: 'line 2', message: 'a quoted field is never closed (unbalanced quote)' },
      ]);
      expect((await post('[]', '', 'application/json')).status).toBe(415);
      expect((await post(bamboo, '?mapping=bamboohr', 'text/csv', 'operator')).status).toBe(403);
    });
  });
});
