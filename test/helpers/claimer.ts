import type { RunningEmulator } from '../../emulator/server';
import type { RunningSmtpSink } from '../../smtp-sink/sink';
import { emulatorAdmin } from '../../emulator/admin-client';

/** Who claims their account, and when. */
export interface ClaimPlan {
  /** claim as soon as Workplace has invited them */
  onInvite: string[];
  /** claim once their first reminder has arrived (so some claims land between reminders) */
  afterFirstReminder: string[];
}

/** A background loop that claims accounts like employees opening their claim links. */
export interface Claimer {
  /** employee ids claimed so far */
  claimed(): string[];
  /** resolves once every planned claim is done; rejects after `timeoutMs` */
  done(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Every third joiner claims, alternately at the invite and after the first reminder. */
export function claimPlanFor(employeeIds: string[]): ClaimPlan {
  const claimers = employeeIds.filter((_, i) => i % 3 === 0);
  return {
    onInvite: claimers.filter((_, i) => i % 2 === 0),
    afterFirstReminder: claimers.filter((_, i) => i % 2 === 1),
  };
}

/**
 * Claims the planned accounts through the emulator's admin endpoint (`POST
 * /_emulator/users/{id}/claim`, which no fault touches), polling for invites and reminders.
 */
export function startClaimer(emulator: RunningEmulator, sink: RunningSmtpSink, plan: ClaimPlan): Claimer {
  const waiting = new Map<string, 'invite' | 'reminder'>([
    ...plan.onInvite.map((id) => [id, 'invite'] as const),
    ...plan.afterFirstReminder.map((id) => [id, 'reminder'] as const),
  ]);
  const claimed: string[] = [];
  let stopped = false;
  let lastError: unknown;

  const reminded = () =>
    new Set(
      sink
        .messages()
        .filter((m) => m.headers['x-tenure-notification'] === 'reminder')
        .map((m) => m.headers['x-tenure-employee-id']),
    );

  async function round(): Promise<void> {
    const remindedNow = waiting.size > 0 ? reminded() : new Set<string | undefined>();
    for (const [employeeId, when] of [...waiting]) {
      const account = emulator.store.findByExternalId(employeeId);
      if (!account?.status.invited) continue;
      if (when === 'reminder' && !remindedNow.has(employeeId)) continue;
      const res = await emulatorAdmin(emulator, `/users/${account.id}/claim`, { method: 'POST' });
      if (!res.ok) throw new Error(`claiming ${employeeId} (user ${account.id}) answered ${res.status}`);
      waiting.delete(employeeId);
      claimed.push(employeeId);
    }
  }

  const loop = (async () => {
    while (!stopped && waiting.size > 0) {
      try {
        await round();
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();

  return {
    claimed: () => [...claimed],
    async done(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (waiting.size > 0) {
        if (Date.now() > deadline || stopped) {
          throw new Error(
            `${waiting.size} planned claims not made (${[...waiting.keys()].slice(0, 5).join(', ')}…); last error: ${String(lastError)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
