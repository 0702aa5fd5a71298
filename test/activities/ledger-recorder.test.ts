import { MockActivityEnvironment } from '@temporalio/testing';
import { ledgerRecorder } from '../../activities/ledger-recorder';
import { openStore, type TenureStore } from '../../store';
import { sqliteSite, type StoreSite } from '../helpers/store-drivers';

/** An activity of run `run` of employee E1's workflow, local (a try in the workflow task) or not. */
const activityOf = (activityId: string, isLocal: boolean) =>
  new MockActivityEnvironment({
    activityId,
    isLocal,
    activityType: isLocal ? 'tryInTask' : 'inviteWorkplaceUser',
    workflowExecution: { workflowId: 'employee-E1', runId: 'run' },
  });

describe('ledgerRecorder', () => {
  let site: StoreSite;
  let store: TenureStore;
  beforeAll(async () => {
    site = await sqliteSite();
    store = await openStore(await site.fresh());
  });
  afterAll(async () => {
    await store.close();
    await site.close();
  });

  it('records a write tried in the workflow task and repeated by its task-queue activity once, under the call key the workflow gave both', async () => {
    const record = ledgerRecorder(store.ledger);
    const row = { action: 'invite', outcome: 'invited', resourceId: '77' };
    const audit = { actor: { role: 'tenure' as const, rule: 'invite-time' }, key: 'call-4' };
    await activityOf('3', true).run(() => record({ ...row, audit }));
    await activityOf('5', false).run(() => record({ ...row, audit }));
    // Without a key (older code): each activity id is its own action.
    await activityOf('6', false).run(() => record({ ...row, audit: { actor: audit.actor } }));
    const rows = await store.ledger.find({});
    expect(rows.map((r) => r.idempotencyKey)).toEqual(['employee-E1/run/call-4', 'employee-E1/run/6']);
  });
});
