/**
 * `npm run demo`: against a running `npm run start:demo`, hires five employees through the API
 * and plays their lifecycles out in about a minute — claims through the claim link, reminders and
 * a manager escalation, a manager's early leave, a scheduled leave with the manager's notice, a
 * mover, deletion after retention and the manual deletion of claimed accounts — with a live table
 * of their stages, then links into the Temporal UI, the mail sink and the emulator.
 */
import { statusOf, TenureApi } from './api-client';
import { castOf, newRunId, STORY_LABELS } from './cast';
import { loadDemoConfig, type DemoConfig } from './config';
import { demoLinks } from './links';
import { LiveTable } from './live-table';
import { countByKind, MailSink } from './mail-sink';
import { describePolicy, demoDurationMs, humanDuration, policyWarnings, scheduledLeaveDelayMs } from './policy';
import { checkStack, ensureManager, probePolicy } from './preflight';
import { actorsOf, runScenario, type Player } from './runner';
import { DemoStop } from './stop';
import { devTokens, type DemoTokens } from './tokens';

const say = (line = '') => process.stdout.write(`${line}\n`);

function printLinks(config: DemoConfig, players: readonly Player[]): void {
  const links = demoLinks(
    config,
    players.map((p) => ({ name: p.name, employeeId: p.joiner.employeeId, ...(p.runId ? { runId: p.runId } : {}) })),
  );
  const width = Math.max(...links.map((l) => l.label.length));
  say();
  say('Where to look:');
  for (const link of links) say(`  ${link.label.padEnd(width)}  ${link.url}`);
}

/** How to finish what the demo leaves to an operator: the claimed accounts awaiting manual deletion. */
function printPendingConfirmations(config: DemoConfig, tokens: DemoTokens, players: readonly Player[]): void {
  for (const player of players.filter((p) => p.status?.stage === 'AwaitingManualDeletion')) {
    const id = player.joiner.employeeId;
    say();
    say(`${player.name}'s claimed account was scrubbed and waits for an administrator to delete it in Workplace`);
    say('(an e-mail went to the operators). Once deleted, an operator confirms it:');
    say(`  curl -X POST ${config.apiUrl}/v1/employees/${id}/deletion-confirmed \\`);
    say(`    -H 'Authorization: Bearer ${tokens.operator}' \\`);
    say(`    -H 'content-type: application/json' -d '{"note":"deleted in the Admin Panel"}'`);
  }
}

async function main(): Promise<number> {
  const config = loadDemoConfig();
  const tokens = devTokens();
  const hr = new TenureApi(config.apiUrl, tokens.hr);
  const sink = new MailSink(config.sinkUrl);
  const started = Date.now();
  const elapsed = () => `+${String(Math.round((Date.now() - started) / 1000)).padStart(3)}s`;
  const players: Player[] = [];

  // Ctrl-C stops the watching, not the employees: their lifecycles go on in Temporal.
  process.once('SIGINT', () => {
    say('\n\nStopped watching. The lifecycles go on in Temporal without the demo.');
    printLinks(config, players);
    process.exit(130);
  });

  await checkStack(hr);
  const runId = newRunId();
  say(`Tenure demo ${runId} against ${config.apiUrl}`);
  const { policy, inviteDelayMs } = await probePolicy(hr, runId);
  say(`Policy of the running worker: ${describePolicy(policy)}.`);
  for (const warning of policyWarnings(policy)) say(`Warning: ${warning}.`);

  const manager = await ensureManager(hr, tokens.manager.employeeId);
  const cast = castOf(runId, manager.employeeId, Date.now(), scheduledLeaveDelayMs(policy));
  const expected = demoDurationMs(policy, inviteDelayMs);
  say(
    `Hiring five employees reporting to ${manager.employee.givenName} ${manager.employee.familyName} ` +
      `(${manager.employeeId}, whose manager token reports an early leave); about ${humanDuration(expected)}.`,
  );
  const hired = await Promise.all(cast.map(async (member) => ({ member, ...(await hr.hire(member.joiner)) })));
  players.push(
    {
      story: 'manager',
      joiner: manager.employee,
      name: manager.employee.givenName,
    },
    ...hired.map(({ member, view }) => ({
      ...member,
      name: member.joiner.givenName,
      ...(statusOf(view) ? { status: statusOf(view) } : {}),
    })),
  );

  const table = new LiveTable(process.stdout, elapsed);
  table.note(`hired ${cast.map((m) => `${m.joiner.givenName} (${STORY_LABELS[m.story]})`).join(', ')}`);
  await runScenario({
    players,
    actors: actorsOf(hr, tokens.manager.token, tokens.operator, {
      url: config.emulatorUrl,
      token: config.emulatorToken,
    }),
    sink,
    table,
    deadline: Date.now() + expected * 1.5 + 60_000,
    since: started,
  });
  table.finish();

  say();
  say(`Done in ${humanDuration(Date.now() - started)}.`);
  const messages = (await Promise.all(players.map((p) => sink.about(p.joiner.employeeId)))).flatMap((m) => m ?? []);
  if (messages.length > 0) say(`E-mails about the demo's employees: ${countByKind(messages)}.`);
  printPendingConfirmations(config, tokens, players);
  printLinks(config, players);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DemoStop) {
      process.stderr.write(`\n${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `\nThe demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
