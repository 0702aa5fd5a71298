import type { EmployeeStatus, TimelineEntry } from '../workflows/contract';
import { ApiUnreachableError, statusOf, type TenureApi } from './api-client';
import { STORY_LABELS, type CastMember } from './cast';
import type { LiveTable, Row } from './live-table';
import type { MailSink } from './mail-sink';
import { STEPS, storyDone, type Actors } from './scenario';
import { DemoStop } from './stop';

/** One employee on stage: who, which story, and what the demo last saw of them. */
export interface Player extends CastMember {
  name: string;
  status?: EmployeeStatus;
  /**
   * The lifecycle ended (Deleted, Withdrawn) and erased the employee's data key with its last step:
   * the API answers what remains, and the last status seen is kept with the final stage.
   */
  ended?: boolean;
  /** the Temporal run the status came from */
  runId?: string;
  mails?: number;
}

export interface RunOptions {
  players: Player[];
  actors: Actors;
  sink: MailSink;
  table: LiveTable;
  /** when to give up, epoch ms */
  deadline: number;
  /** time between two looks at every employee */
  pollMs?: number;
  /** attempts of one step before the demo gives up */
  attempts?: number;
  /** timeline events before this instant (epoch ms) are not logged: the manager's earlier life */
  since?: number;
}

/** How long the API may be unreachable before the demo stops watching. */
const API_GONE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const eventText = (entry: TimelineEntry) => `${entry.event}${entry.detail ? `: ${entry.detail}` : ''}`;

/** A player as a table row. */
const ENDED_TEXT = 'lifecycle ended: its personal data erased with the data key';

export function rowOf(player: Player): Row {
  const s = player.status;
  const last = s?.timeline.at(-1);
  return {
    id: player.joiner.employeeId,
    name: player.name,
    story: STORY_LABELS[player.story],
    stage: s?.stage ?? '…',
    reminders: s ? `${s.remindersSent}/${s.policy.maxReminders}` : '',
    mails: player.mails === undefined ? '–' : String(player.mails),
    lastEvent: player.ended ? ENDED_TEXT : last ? eventText(last) : '',
    ...(s?.needsAttention ? { needsAttention: true } : {}),
  };
}

/**
 * Plays the scenario to its end: looks at every employee, shows what changed, and has HR, the
 * manager, an operator or the employee act when a step's moment has come. Resolves when every
 * story is told; a DemoStop when an employee needs an operator or the deadline passes.
 */
export async function runScenario(options: RunOptions): Promise<void> {
  const { players, actors, sink, table, deadline, pollMs = 500, attempts = 3, since = 0 } = options;
  const taken = new Set<string>();
  const failures = new Map<string, number>();
  const logged = new Map<string, number>();
  const endedShown = new Set<string>();
  let unreachableSince: number | undefined;

  for (;;) {
    let lost: ApiUnreachableError | undefined;
    await Promise.all(
      players.map(async (player) => {
        const id = player.joiner.employeeId;
        const [view, mails] = await Promise.all([
          actors.hr.status(id).catch((error: unknown) => {
            // A slow or failed read keeps the last status shown; a gone API is noted below.
            if (error instanceof ApiUnreachableError) lost = error;
            return undefined;
          }),
          sink.about(id),
        ]);
        if (view && 'ended' in view && player.status && view.stage) {
          player.ended = true;
          player.status = { ...player.status, stage: view.stage };
        } else {
          player.status = (view && statusOf(view)) ?? player.status;
        }
        player.runId = view?.run?.runId ?? player.runId;
        player.mails = mails?.length ?? player.mails;
      }),
    );
    unreachableSince = lost ? (unreachableSince ?? Date.now()) : undefined;
    if (lost && Date.now() - unreachableSince! > API_GONE_MS) {
      throw new DemoStop(
        `The API stopped answering (${lost.reason}): is the demo stack still running? The employees' ` +
          'lifecycles are kept in Temporal and go on when it runs again.',
      );
    }
    const events: string[] = [];
    for (const player of players) {
      if (!player.status) continue;
      // The timeline keeps its latest entries only: count them from the first one ever recorded.
      const { timeline, timelineDropped } = player.status;
      const shown = logged.get(player.joiner.employeeId) ?? 0;
      timeline.forEach((entry, i) => {
        if (timelineDropped + i >= shown && Date.parse(entry.at) >= since) {
          events.push(`${player.name} · ${eventText(entry)}`);
        }
      });
      logged.set(player.joiner.employeeId, Math.max(shown, timelineDropped + timeline.length));
      if (player.ended && !endedShown.has(player.joiner.employeeId)) {
        endedShown.add(player.joiner.employeeId);
        events.push(`${player.name} · ${ENDED_TEXT}`);
      }
    }
    table.show(players.map(rowOf), events);

    const stuck = players.find((p) => p.status?.needsAttention);
    if (stuck?.status?.lastError) {
      const e = stuck.status.lastError;
      throw new DemoStop(`${stuck.name} needs an operator: ${e.action} failed: ${e.type}: ${e.message}`);
    }

    for (const [index, step] of STEPS.entries()) {
      for (const player of players.filter((p) => p.story === step.story)) {
        const key = `${index}:${player.joiner.employeeId}`;
        const status = player.status;
        if (taken.has(key) || !status || !step.when(status, Date.now())) continue;
        table.note(`→ ${step.says(player.name)}`);
        try {
          await step.run(actors, status);
          taken.add(key);
        } catch (error) {
          const failed = (failures.get(key) ?? 0) + 1;
          failures.set(key, failed);
          const message = error instanceof Error ? error.message : String(error);
          if (failed >= attempts) throw new DemoStop(`gave up after ${failed} attempts: ${message}`);
          table.note(`  (failed: ${message}; trying again)`);
        }
      }
    }

    if (players.every((p) => p.status && storyDone(p.story, p.status))) return;
    if (Date.now() > deadline) {
      const waiting = players
        .filter((p) => !p.status || !storyDone(p.story, p.status))
        .map((p) => `${p.name} (${STORY_LABELS[p.story]}) is ${p.status?.stage ?? 'unknown'}`);
      throw new DemoStop(`The demo did not finish in time: ${waiting.join('; ')}.`);
    }
    await sleep(pollMs);
  }
}

/** Acting in the scenario through the API with each role's token, and as the employee in a browser. */
export function actorsOf(
  hr: TenureApi,
  managerToken: string,
  operatorToken: string,
  emulator: { url: string; token: string },
): Actors {
  return {
    hr,
    manager: hr.as(managerToken),
    operator: hr.as(operatorToken),
    async openClaimLink(employeeId: string) {
      const url = await claimLinkOf(emulator, employeeId);
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the claim link answered HTTP ${response.status}`);
    },
  };
}

/**
 * The claim link of an employee's Workplace invitation. Workplace e-mails it to the employee, not
 * to Tenure; the emulator's inspection endpoint stands in for the employee's inbox.
 */
async function claimLinkOf(emulator: { url: string; token: string }, employeeId: string): Promise<string> {
  const response = await fetch(`${emulator.url}/_emulator/users`, {
    headers: { authorization: `Bearer ${emulator.token}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`the emulator's users answered HTTP ${response.status}`);
  const { users } = (await response.json()) as { users: Record<string, unknown>[] };
  const STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';
  const user = users.find((u) => u.externalId === employeeId);
  const link = (user?.[STATUS] as { claimLink?: string } | undefined)?.claimLink;
  if (!link) throw new Error(`no claim link for ${employeeId} in the emulator`);
  return link;
}
