import { inForce } from './versions';
import { ATTENTION_REASONS } from '../contract/core';
import { now } from './account';
import { critical, deactivation } from './activities';
import { auditOf } from './audit';
import { LifecycleFailure } from './failure';
import { record, tenure, type EmployeeState } from './state';

/** The patch that added the read-back (listed in versions.ts). */
export const READ_BACK_PATCH = 'read-back-after-removal';

/**
 * After a deactivation or a deletion, the account is read back: the directory answered the write,
 * but only a read shows that it holds (a directory that queues writes, an administrator or another
 * sync re-enabling the account). Confirmed: a timeline entry; not: a DirectoryMismatch failure,
 * which parks the action with NeedsAttention reason `directory-mismatch` (the ledger row and the
 * worker's metric come from the activity). Runs that began before the patch skip it.
 */
export async function confirmRemoval(state: EmployeeState, userId: string, of: 'deactivate' | 'delete'): Promise<void> {
  if (!inForce(READ_BACK_PATCH)) return;
  // The deactivation's priority for its own read-back: a leaver's evidence must not queue behind joiners.
  const proxy = of === 'deactivate' ? deactivation(state) : critical;
  const seen = await proxy.readBackWorkplaceUser({
    userId,
    expect: of === 'deactivate' ? 'inactive' : 'gone',
    audit: auditOf(state, tenure('read-back')),
  });
  if (seen.confirmed) {
    record(
      state,
      now(),
      'read-back-confirmed',
      tenure('read-back'),
      `${of}: the directory shows the account ${seen.observed}`,
    );
    return;
  }
  throw new LifecycleFailure(
    'DirectoryMismatch',
    `after the ${of === 'deactivate' ? 'deactivation' : 'deletion'}, the directory still shows Workplace user ${userId} ${seen.observed}`,
    ATTENTION_REASONS.directoryMismatch,
  );
}
