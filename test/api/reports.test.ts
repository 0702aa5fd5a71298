/**
 * The deprovisioning and onboarding reports through the API on the real stack (worker and API
 * processes, the dev server, the emulator), on SQLite and on PostgreSQL: leavers on time and late
 * against the SLA, joiners provisioned before and after their start, a claim; JSON and CSV; bad
 * windows and SLAs refused with 400; the within-SLA gauge.
 */
import { launchChromium } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { startEvidenceStack, type EvidenceStack } from '../helpers/evidence-stack';
import { dateIn, DAY, HOUR, nextEmployeeId } from '../helpers/lifecycle';
import { describeEachStore } from '../helpers/store-drivers';
import { TOKENS, type ApiBody } from './support';

jest.setTimeout(240_000);

interface Report {
  summary: Record<string, unknown>;
  leavers?: Record<string, unknown>[];
  joiners?: Record<string, unknown>[];
  overdue?: Record<string, unknown>[];
}

describeEachStore('the evidence reports through the API', (site) => {
  let stack: EvidenceStack;
  const ids = {
    onTime: nextEmployeeId('ONTIME'),
    late: nextEmployeeId('LATE'),
    future: nextEmployeeId('FUTURE'),
    stuck: nextEmployeeId('STUCK'),
  };
  const windowFrom = dateIn(Date.now() - 7 * DAY);

  beforeAll(async () => {
    stack = await startEvidenceStack(site());
    const { caller } = stack;
    const joiner = (employeeId: string, startDate: string, department: string) => ({
      employeeId,
      email: `${employeeId.toLowerCase()}@example.com`,
      givenName: 'Report',
      familyName: 'Subject',
      department,
      timeZone: 'UTC',
      startDate,
    });
    for (const [id, start, department] of [
      [ids.onTime, dateIn(Date.now() - DAY), 'Finance'],
      [ids.late, dateIn(Date.now() - 5 * DAY), 'Sales, EMEA'],
      [ids.future, dateIn(Date.now() + 10 * DAY), '=cmd|calc'],
      [ids.stuck, dateIn(Date.now() - 5 * DAY), 'Legal'],
    ] as const) {
      expect((await caller.call('POST', '/v1/employees', { body: joiner(id, start, department) })).status).toBe(201);
    }
    const stageOf = async (id: string) => (await caller.call('GET', `/v1/employees/${id}`)).body;
    for (const id of [ids.onTime, ids.late, ids.stuck]) {
      await eventually(
        () => stageOf(id),
        (s: ApiBody) => s.stage === 'Invited',
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    }
    // The on-time leaver claims first (a claim check sees it within 2 s), then leaves now.
    const account = stack.emulator.store.findByExternalId(ids.onTime)!;
    expect(stack.emulator.store.claim(account.id).result).toBe('claimed');
    await eventually(
      () => stageOf(ids.onTime),
      (s: ApiBody) => s.stage === 'Active',
      {
        timeoutMs: 60_000,
        intervalMs: 250,
      },
    );
    expect((await caller.call('POST', `/v1/employees/${ids.onTime}/leave`, { body: {} })).status).toBe(200);
    // HR reports a leave that took effect 50 hours ago: deactivated now, late against a 24 h SLA.
    const past = new Date(Date.now() - 50 * HOUR).toISOString();
    expect((await caller.call('POST', `/v1/employees/${ids.late}/leave`, { body: { leaveAt: past } })).status).toBe(
      200,
    );
    for (const id of [ids.onTime, ids.late]) {
      await eventually(
        () => stageOf(id),
        (s: ApiBody) => (s.timeline ?? []).some((e) => e.event === 'read-back-confirmed'),
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    }
    // The directory goes down; HR reports a leave 30 hours old that Tenure cannot carry out yet.
    stack.emulator.faults.set({ outage: { durationMs: 30 * 60_000 } });
    const stuckAt = new Date(Date.now() - 30 * HOUR).toISOString();
    expect((await caller.call('POST', `/v1/employees/${ids.stuck}/leave`, { body: { leaveAt: stuckAt } })).status).toBe(
      200,
    );
    await eventually(
      async () =>
        (await caller.call('GET', `/v1/employees?leaveBefore=${new Date().toISOString()}&stage=Invited`)).body,
      (list: ApiBody) => (list.items ?? []).some((e) => e.employeeId === ids.stuck),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('reports each leaver against HR’s leave instant and the SLA, with who asked and the read-back', async () => {
    const reply = await stack.caller.call<Report>('GET', `/v1/reports/deprovisioning?from=${windowFrom}&sla=24h`);
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.leavers!.map((l) => [l.employeeId, l]));
    expect(byId.get(ids.onTime)).toMatchObject({
      department: 'Finance',
      withinSla: true,
      requestedBy: 'hr:hr-feed',
      outcome: 'deactivated',
      readBack: 'confirmed:inactive',
    });
    const late = byId.get(ids.late)!;
    expect(late).toMatchObject({ withinSla: false, readBack: 'confirmed:inactive' });
    expect(late.lagSeconds as number).toBeGreaterThanOrEqual(50 * 3600 - 5);
    // Not deactivated yet, 30 h past its leave: overdue, and late against 24 h.
    expect(reply.body.overdue).toEqual([
      expect.objectContaining({ employeeId: ids.stuck, department: 'Legal', stage: 'Invited' }),
    ]);
    expect(reply.body.summary).toMatchObject({ count: 3, withinSla: 1, shareWithinSla: 0.3333, overdue: 1 });
    expect((reply.body.summary.lagSeconds as { max: number }).max).toBe(late.lagSeconds);

    // A wider SLA takes the late one in.
    const lenient = await stack.caller.call<Report>('GET', `/v1/reports/deprovisioning?from=${windowFrom}&sla=3d`, {
      as: 'operator',
    });
    expect(lenient.body.summary).toMatchObject({ count: 3, withinSla: 2, shareWithinSla: 1, overdue: 1 });
  });

  it('answers the leavers as CSV for Accept: text/csv', async () => {
    const reply = await stack.caller.call<string>('GET', `/v1/reports/deprovisioning?from=${windowFrom}`, {
      headers: { accept: 'text/csv' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = reply.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'employeeId,department,leaveAt,deactivatedAt,lagSeconds,withinSla,requestedBy,requestedAt,outcome,readBack',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(ids.late))).toMatch(/^[^,]+,"Sales, EMEA",.*,false,hr:hr-feed,/);
    expect(lines.find((l) => l.startsWith(ids.stuck))).toMatch(
      /^[^,]+,Legal,[^,]+,,\d+,false,,,not deactivated \(Invited/,
    );
  });

  it('reports joiners: provisioned before the start or not, invited, and the time to claim', async () => {
    const to = dateIn(Date.now() + 30 * DAY);
    const reply = await stack.caller.call<Report>('GET', `/v1/reports/onboarding?from=${windowFrom}&to=${to}`);
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.joiners!.map((j) => [j.employeeId, j]));
    expect(byId.get(ids.future)).toMatchObject({ provisionedBeforeStart: true, invitedAt: null, claimedAt: null });
    expect(byId.get(ids.onTime)).toMatchObject({ provisionedBeforeStart: false });
    expect(byId.get(ids.onTime)!.invitedAt).toEqual(expect.any(String));
    expect(byId.get(ids.onTime)!.timeToClaimSeconds).toEqual(expect.any(Number));
    expect(reply.body.summary).toMatchObject({ count: 4, provisionedBeforeStart: 1, invited: 3, claimed: 1 });

    const csv = await stack.caller.call<string>('GET', `/v1/reports/onboarding?from=${windowFrom}&to=${to}`, {
      headers: { accept: 'text/csv' },
    });
    // A department that a spreadsheet would run as a formula stays text.
    expect(csv.body).toContain(`${ids.future},'=cmd|calc,`);
  });

  it.each([
    ['sla=abc', 'query.sla'],
    ['sla=0s', 'query.sla'],
    ['from=2026-13-01', 'query.from'],
    ['from=2026-11-10&to=2026-11-01', 'query.to'],
    ['from=2024-01-01&to=2026-01-01', 'query.to'],
    ['colour=blue', 'query.colour'],
  ])('refuses %s with a 400 naming %s', async (query, path) => {
    const reply = await stack.caller.call('GET', `/v1/reports/deprovisioning?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error?.details.map((d) => d.path)).toContain(path);
  });

  it('lets hr and operators read the reports, nobody else', async () => {
    for (const path of ['/v1/reports/deprovisioning', '/v1/reports/onboarding']) {
      expect((await stack.caller.call('GET', path, { as: 'manager' })).status).toBe(403);
      expect((await stack.caller.call('GET', path, { as: 'none' })).status).toBe(401);
    }
  });

  it('exports the share of leavers within 24 hours as a Prometheus gauge', async () => {
    const metrics = await stack.caller.call<string>('GET', '/metrics');
    expect(metrics.body).toMatch(/^tenure_leavers_within_sla_ratio 0\.3333$/m);
  });

  it('renders the /reports page in a real browser: the chart with the SLA line, and the late leaver listed', async () => {
    const page = await stack.caller.call<string>('GET', '/reports', { as: 'none' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(`${stack.caller.url}/reports`);
      await tab.fill('#token', TOKENS.hr);
      await tab.fill('#from', windowFrom);
      await tab.click('button[type=submit]');
      await tab.waitForSelector('#late tbody tr');
      const late = await tab.$$eval('#late tbody tr', (rows) => rows.map((r) => `${r.className}: ${r.textContent}`));
      expect(late).toHaveLength(2);
      expect(late[0]).toMatch(new RegExp(`^late: ${ids.late}Sales, EMEA`));
      expect(late[1]).toMatch(new RegExp(`^overdue: ${ids.stuck}Legal.*not yet \\(Invited\\)`));
      expect(await tab.locator('#lag-chart line.sla').count()).toBe(1);
      // Two leavers with leaves on different days: two bars, the late one above the SLA line.
      const bars = await tab.$$eval('#lag-chart rect.bar', (rects) =>
        rects.map((r) => ({ late: r.classList.contains('late'), y: Number(r.getAttribute('y')) })),
      );
      expect(bars).toHaveLength(2);
      const slaY = Number(await tab.locator('#lag-chart line.sla').getAttribute('y1'));
      expect(bars.filter((b) => b.late).map((b) => b.y < slaY)).toEqual([true]);
      expect(bars.filter((b) => !b.late).map((b) => b.y > slaY)).toEqual([true]);
      expect(await tab.textContent('#share')).toContain('33.3 %');
      expect(await tab.textContent('#overdue')).toBe('1');
      expect(errors).toEqual([]);

      // A bad SLA is refused with the API's reason, on the page.
      await tab.fill('#sla', 'soon');
      await tab.click('button[type=submit]');
      await tab.locator('#status', { hasText: 'Refused (400)' }).waitFor();
      expect(await tab.textContent('#status')).toContain('query.sla');
    } finally {
      await browser.close();
    }
  });
});
