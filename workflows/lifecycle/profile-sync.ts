import { profileWrite } from './account';
import { background } from './activities';
import { auditOf } from './audit';
import { tenure } from './state';
import type { EmployeeState } from './state';

/**
 * Profile sync: writes the record in force (a mover's changes, a moved leave's termination date,
 * a newly linked manager) to the directory in one PATCH. Every accepted change bumps the record's
 * revision; a write records the revision it sent, so a change accepted while the write was in
 * flight is written by the next one — never lost. (The timeline records each change when it is
 * accepted, with who asked; `pending.profileSync` in the status says whether it is written yet.)
 */
export async function syncProfile(state: EmployeeState): Promise<void> {
  const revision = state.profile.revision;
  // The fields this write carries; changes accepted meanwhile collect for the next write.
  const fields = state.profile.fields;
  state.profile.fields = [];
  try {
    await background.updateWorkplaceProfile({
      userId: state.account!.userId,
      ...profileWrite(state),
      audit: auditOf(state, tenure('profile-sync')),
    });
  } catch (error) {
    state.profile.fields = [...new Set([...fields, ...state.profile.fields])];
    throw error;
  }
  state.profile.written = Math.max(state.profile.written, revision);
}
