import { Context } from '@temporalio/activity';
import { displayNameOf, startOfDay, type AuthMethod, type EmployeeRecord } from '../workflows/contract';
import { mappingFailures, type FailureListener } from './failures';
import type { AuditContext, LedgerRecorder } from './ledger-recorder';
import {
  ScimConflictError,
  ScimNotFoundError,
  ScimPreconditionFailedError,
  type DirectoryUser,
  type DirectoryUserChanges,
  type DirectoryUserInput,
  type ScimCapabilities,
  type ScimClient,
} from './scim';

/**
 * What the lifecycle needs to know of a Workplace account after a call: small and serialisable.
 * Never the claim link: it reaches only the e-mail that carries it (see reminder-activities.ts).
 */
export interface AccountSnapshot {
  userId: string;
  active: boolean;
  invited: boolean;
  claimed: boolean;
  /** the directory lets Tenure delete it: any account in plain SCIM 2.0, only never-claimed ones in Workplace */
  deletable: boolean;
  invitedAt?: string;
  claimedAt?: string;
}

/** An account found by a lookup: its state and whose it is. */
export interface FoundAccount extends AccountSnapshot {
  externalId?: string;
}

export interface ManagerDirectoryEntry {
  employeeId: string;
  workplaceUserId: string;
  email: string;
  displayName?: string;
}

/** The profile to write, with what the workflow resolved: the manager's Workplace id and the leave instant. */
export interface ProfileWrite {
  employee: EmployeeRecord;
  managerUserId?: string;
  /** the instant deactivation is due (Workplace `termDate`); absent when none */
  termAt?: string;
}

export interface DirectoryDefaults {
  locale: string;
  authMethod: AuthMethod;
}

const signal = () => ({ signal: Context.current().cancellationSignal });

/**
 * Directory state as the lifecycle reads it. A directory without account status (plain SCIM 2.0)
 * runs its own onboarding: its accounts count as invited and claimed once they exist.
 */
export function snapshotOf(
  user: DirectoryUser,
  capabilities: Pick<ScimCapabilities, 'deleteClaimed'>,
): AccountSnapshot {
  const status = user.accountStatus;
  const claimed = status ? status.claimed : true;
  return {
    userId: user.id,
    active: user.active,
    invited: status ? status.invited : true,
    claimed,
    deletable: capabilities.deleteClaimed || !claimed,
    ...(status?.inviteDate ? { invitedAt: status.inviteDate.toISOString() } : {}),
    ...(status?.claimDate ? { claimedAt: status.claimDate.toISOString() } : {}),
  };
}

function profileInput(
  { employee, managerUserId, termAt }: ProfileWrite,
  defaults: DirectoryDefaults,
): DirectoryUserInput {
  const locale = employee.locale ?? defaults.locale;
  const displayName = displayNameOf(employee);
  return {
    externalId: employee.employeeId,
    userName: employee.email,
    active: true,
    name: { givenName: employee.givenName, familyName: employee.familyName, formatted: displayName },
    displayName,
    ...(employee.title ? { title: employee.title } : {}),
    locale,
    preferredLanguage: locale,
    timezone: employee.timeZone,
    emails: [{ value: employee.email, type: 'work', primary: true }],
    employeeNumber: employee.employeeId,
    ...(employee.department ? { department: employee.department } : {}),
    ...(employee.costCenter ? { costCenter: employee.costCenter } : {}),
    ...(managerUserId ? { managerId: managerUserId } : {}),
    startDate: new Date(startOfDay(employee.startDate, employee.timeZone)),
    termDate: termAt ? new Date(termAt) : null,
    authMethod: employee.authMethod ?? defaults.authMethod,
  };
}

/**
 * The profile as changes to write in one PATCH: every attribute Tenure manages, set or removed;
 * the invite state, `active` and what others manage (phones, addresses) are left as they are.
 */
function profileChanges(write: ProfileWrite, defaults: DirectoryDefaults): DirectoryUserChanges {
  const { externalId: _e, active: _a, invited: _i, ...input } = profileInput(write, defaults);
  return {
    ...input,
    title: input.title ?? null,
    department: input.department ?? null,
    costCenter: input.costCenter ?? null,
    managerId: input.managerId ?? null,
  };
}

/**
 * Everything personal the directory lets Tenure change, replaced by neutral values or removed:
 * names, title, organisation, manager, phones, addresses, language and zone, the e-mail list
 * beyond the user name. The ids and the user name stay (Workplace's user name is the work address
 * on a verified domain, and the administrator deleting the account must find it).
 */
const SCRUBBED: DirectoryUserChanges = {
  active: false,
  name: { givenName: 'Former', familyName: 'Employee', formatted: 'Former Employee' },
  displayName: 'Former Employee',
  title: null,
  department: null,
  costCenter: null,
  managerId: null,
  phoneNumbers: null,
  addresses: null,
  locale: null,
  preferredLanguage: null,
  timezone: null,
  emails: null,
};

/** What a directory write carries for the ledger (see ledger-recorder.ts). */
export interface Audited {
  audit?: AuditContext;
}

/**
 * The Workplace (SCIM) activities of the lifecycle; every one is idempotent. Each write records
 * itself in the ledger once the directory answered (`record`): exactly one row per action, however
 * often it is retried.
 */
export function createDirectoryActivities(
  directory: ScimClient,
  defaults: DirectoryDefaults,
  record: LedgerRecorder,
  alerts: FailureListener = {},
) {
  const snapshot = (user: DirectoryUser) => snapshotOf(user, directory.capabilities);
  const mapped = <T>(body: () => Promise<T>) => mappingFailures(body, alerts);
  return {
    /** Finds the manager's Workplace account by their employee id (the account's externalId). */
    async resolveManager({ managerEmployeeId }: { managerEmployeeId: string }): Promise<ManagerDirectoryEntry | null> {
      return mapped(async () => {
        const user = await directory.findByExternalId(managerEmployeeId, signal());
        if (!user) return null;
        return {
          employeeId: managerEmployeeId,
          workplaceUserId: user.id,
          email: user.userName,
          ...(user.displayName ? { displayName: user.displayName } : {}),
        };
      });
    },

    /**
     * Looks an account up by externalId (the employee id) or by userName (the work e-mail): one
     * request. With `audit` (provisioning), an active account found is the employee's from now on,
     * and the ledger's provisioning row says so (`exists`) — under the provisioning's own key, which
     * the create shares: a create whose row was lost with its worker (the worker died between the
     * directory's answer and the row) is found here when its workflow task is done again.
     */
    async findWorkplaceUser(
      by: ({ externalId: string } & Audited) | { userName: string },
    ): Promise<FoundAccount | null> {
      return mapped(async () => {
        const user =
          'externalId' in by
            ? await directory.findByExternalId(by.externalId, signal())
            : await directory.findByUserName(by.userName, signal());
        if (!user) return null;
        if ('audit' in by && by.audit && user.active) {
          await record({ action: 'provision', outcome: 'exists', resourceId: user.id, audit: by.audit });
        }
        return { ...snapshot(user), ...(user.externalId ? { externalId: user.externalId } : {}) };
      });
    },

    /**
     * Creates the account — invited only when asked and the directory can invite: one request. A 409 is not a failure: the account exists
     * (a retried create whose first attempt succeeded, or someone else's), which the workflow
     * looks up.
     */
    async createWorkplaceUser(
      write: ProfileWrite & Audited & { invite?: boolean },
    ): Promise<{ outcome: 'created'; account: AccountSnapshot } | { outcome: 'exists' }> {
      return mapped(async () => {
        try {
          const externalId = write.employee.employeeId;
          // A joiner whose invite moment has passed is invited by the create itself (Workplace
          // sends the invitation for `invited: true` on create): one request instead of two.
          const invited = Boolean(write.invite) && directory.capabilities.invite;
          const created = await directory.createUser(
            { ...profileInput(write, defaults), externalId, invited },
            signal(),
          );
          // Invited with the create: the onboarding report's invite instant is this row's.
          const outcome = created.accountStatus?.invited ? 'created-invited' : 'created';
          await record({ action: 'provision', outcome, resourceId: created.id, audit: write.audit });
          return { outcome: 'created' as const, account: snapshot(created) };
        } catch (error) {
          // The workflow looks the account up next; its row is this one (it may be someone else's account).
          if (error instanceof ScimConflictError) {
            await record({ action: 'provision', outcome: 'exists', audit: write.audit });
            return { outcome: 'exists' as const };
          }
          throw error;
        }
      });
    },

    /**
     * Writes the employee's profile (a mover's changes, a moved leave) in one PATCH: every managed
     * attribute set or removed, the invite state and `active` untouched. Safe to repeat.
     */
    async updateWorkplaceProfile(write: ProfileWrite & Audited & { userId: string }): Promise<void> {
      await mapped(async () => {
        await directory.updateUser(write.userId, profileChanges(write, defaults), signal());
        await record({ action: 'sync-profile', outcome: 'updated', resourceId: write.userId, audit: write.audit });
      });
    },

    /**
     * Sends the invitation: `invited: true` in one PATCH (Workplace sends the e-mail and mints the
     * claim link). An account can only be claimed after an invite, so the workflow never invites a
     * claimed one; repeating it keeps the same claim link. A directory that cannot invite (plain
     * SCIM 2.0) runs its own onboarding: nothing is sent.
     */
    async inviteWorkplaceUser({ userId, audit }: { userId: string } & Audited): Promise<AccountSnapshot> {
      return mapped(async () => {
        if (!directory.capabilities.invite) {
          await record({ action: 'invite', outcome: 'not-supported', resourceId: userId, audit });
          return {
            userId,
            active: true,
            invited: true,
            claimed: true,
            deletable: directory.capabilities.deleteClaimed,
          };
        }
        const invited = await directory.updateUser(userId, { invited: true }, signal());
        await record({ action: 'invite', outcome: 'invited', resourceId: userId, audit });
        // A directory that answers 204 No Content says nothing of the claim link: read it.
        return snapshot(invited ?? (await directory.getUser(userId, signal())));
      });
    },

    /** Reads whether the employee claimed the account (a claim seen is recorded in the ledger). */
    async readClaimStatus({ userId, audit }: { userId: string } & Audited): Promise<AccountSnapshot> {
      return mapped(async () => {
        const account = snapshot(await directory.getUser(userId, signal()));
        await recordClaim(record, account, audit);
        return account;
      });
    },

    /** Sets `active: false` whatever the current value; an account already gone counts as deactivated. */
    async deactivateWorkplaceUser({
      userId,
      audit,
    }: { userId: string } & Audited): Promise<{ outcome: 'deactivated' | 'not-found' }> {
      return mapped(async () => {
        const outcome = await gone(() => directory.setActive(userId, false, signal()), 'deactivated', 'not-found');
        await record({ action: 'deactivate', outcome, resourceId: userId, audit });
        return { outcome };
      });
    },

    /** Rehire: the whole profile back (a scrubbed account gets its names again) and `active: true`, in one PATCH. */
    async reactivateWorkplaceUser(
      write: ProfileWrite & Audited & { userId: string },
    ): Promise<{ outcome: 'reactivated'; account: AccountSnapshot } | { outcome: 'not-found' }> {
      return mapped(async () => {
        const entry = { action: 'reactivate', resourceId: write.userId, audit: write.audit };
        try {
          const changes = { ...profileChanges(write, defaults), active: true };
          const updated = await directory.updateUser(write.userId, changes, signal());
          await record({ ...entry, outcome: 'reactivated' });
          return {
            outcome: 'reactivated' as const,
            account: snapshot(updated ?? (await directory.getUser(write.userId, signal()))),
          };
        } catch (error) {
          if (!(error instanceof ScimNotFoundError)) throw error;
          await record({ ...entry, outcome: 'not-found' });
          return { outcome: 'not-found' as const };
        }
      });
    },

    /** Replaces personal data of a claimed, deactivated account with neutral values before manual deletion: one PATCH. */
    async scrubWorkplaceUser({
      userId,
      audit,
    }: { userId: string } & Audited): Promise<{ outcome: 'scrubbed' | 'not-found' }> {
      return mapped(async () => {
        const outcome = await gone(() => directory.updateUser(userId, SCRUBBED, signal()), 'scrubbed', 'not-found');
        await record({ action: 'scrub', outcome, resourceId: userId, audit });
        return { outcome };
      });
    },

    /**
     * Deletes the account. 404 means done; Workplace's 412 (the account was claimed: only an
     * administrator can delete it) is a result, not a failure: `refused`.
     */
    async deleteWorkplaceUser({
      userId,
      audit,
    }: { userId: string } & Audited): Promise<{ outcome: 'deleted' | 'already-gone' | 'refused' }> {
      return mapped(async () => {
        let outcome: 'deleted' | 'already-gone' | 'refused';
        try {
          outcome = await gone(() => directory.deleteUser(userId, signal()), 'deleted', 'already-gone');
        } catch (error) {
          if (!(error instanceof ScimPreconditionFailedError)) throw error;
          outcome = 'refused';
        }
        await record({ action: 'delete', outcome, resourceId: userId, audit });
        return { outcome };
      });
    },

    /**
     * Reads the account back after a deactivation (`expect: 'inactive'`: inactive or gone confirms
     * it) or a deletion (`expect: 'gone'`), and records what the directory showed in the ledger. A
     * mismatch also counts in the `tenure_directory_mismatch` metric; the workflow raises
     * NeedsAttention.
     */
    async readBackWorkplaceUser({
      userId,
      expect,
      audit,
    }: { userId: string; expect: 'inactive' | 'gone' } & Audited): Promise<ReadBack> {
      return mapped(async () => {
        const observed = await readState(() => directory.getUser(userId, signal()));
        const confirmed = observed === 'gone' || (expect === 'inactive' && observed === 'inactive');
        const of = expect === 'inactive' ? 'deactivate' : 'delete';
        await record({
          action: `read-back:${of}`,
          outcome: confirmed ? `confirmed:${observed}` : `mismatch:${observed}`,
          resourceId: userId,
          audit,
        });
        if (!confirmed) countMismatch(of);
        return { confirmed, observed };
      });
    },

    /** The daily keep-alive: Workplace switches off an integration after 60 days without a call. */
    async pingDirectory(): Promise<void> {
      return mapped(() => directory.ping(signal()));
    },
  };
}

/**
 * A claim seen by a claim check, in the ledger at the directory's claim date: the onboarding report's
 * time to claim. The workflow stops checking once it saw the claim, so this is one row per claim.
 */
export async function recordClaim(record: LedgerRecorder, account: AccountSnapshot, audit?: AuditContext) {
  if (!account.claimed) return;
  await record({
    action: 'claim',
    outcome: 'claimed',
    resourceId: account.userId,
    audit,
    ...(account.claimedAt ? { doneAt: account.claimedAt } : {}),
  });
}

/** What a read-back found: the account's state, and whether that is what the write should have left. */
export interface ReadBack {
  confirmed: boolean;
  observed: 'active' | 'inactive' | 'gone';
}

async function readState(read: () => Promise<DirectoryUser>): Promise<ReadBack['observed']> {
  try {
    return (await read()).active ? 'active' : 'inactive';
  } catch (error) {
    if (error instanceof ScimNotFoundError) return 'gone';
    throw error;
  }
}

/** A read-back that disagrees: a counter of the worker's metrics (no personal data: the action only). */
function countMismatch(of: 'deactivate' | 'delete'): void {
  Context.current()
    .metricMeter.createCounter(
      'tenure_directory_mismatch',
      'accounts',
      'Read-backs after a deactivation or deletion that found the account not so',
    )
    .withTags({ action: of })
    .add(1);
}

/** Runs a write whose 404 means "the account is gone", answering `done` or `missing`. */
async function gone<Done extends string, Missing extends string>(
  write: () => Promise<unknown>,
  done: Done,
  missing: Missing,
): Promise<Done | Missing> {
  try {
    await write();
    return done;
  } catch (error) {
    if (error instanceof ScimNotFoundError) return missing;
    throw error;
  }
}
