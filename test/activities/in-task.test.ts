import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { FailureType } from '../../activities/failures';
import { createInTaskActivity, IN_TASK_ACTIVITIES } from '../../activities/in-task';

/** Directory activities that answer their name, or fail as `failures` says. */
function directory(failures: Partial<Record<string, Error>> = {}) {
  return Object.fromEntries(
    IN_TASK_ACTIVITIES.map((name) => [
      name,
      async (arg: unknown) => {
        if (failures[name]) throw failures[name];
        return { name, arg };
      },
    ]),
  ) as unknown as Parameters<typeof createInTaskActivity>[0];
}

describe('tryInTask', () => {
  const env = new MockActivityEnvironment();

  it('runs the named directory activity with its arguments and answers its result', async () => {
    const { tryInTask } = createInTaskActivity(directory());
    await expect(
      env.run(tryInTask, { activity: 'deactivateWorkplaceUser' as const, args: [{ userId: '7' }] }),
    ).resolves.toEqual({ done: true, result: { name: 'deactivateWorkplaceUser', arg: { userId: '7' } } });
  });

  it('answers busy (not a failure) when the directory had no free turn, and a failure as the activity would have failed', async () => {
    const { tryInTask } = createInTaskActivity(
      directory({
        inviteWorkplaceUser: ApplicationFailure.retryable('no free turn', FailureType.DirectoryBusy),
        createWorkplaceUser: ApplicationFailure.create({
          type: FailureType.WorkplaceRequestRejected,
          message: 'domain not verified',
          nonRetryable: true,
          details: [{ status: 400, scimType: 'invalidValue' }],
        }),
        findWorkplaceUser: ApplicationFailure.create({
          type: FailureType.WorkplaceThrottled,
          message: '429',
          nonRetryable: false,
          nextRetryDelay: 3000,
        }),
        readClaimStatus: new TypeError('a bug'),
      }),
    );
    await expect(env.run(tryInTask, { activity: 'inviteWorkplaceUser' as const, args: [{}] })).resolves.toEqual({
      done: false,
      why: 'DirectoryBusy',
    });
    await expect(env.run(tryInTask, { activity: 'createWorkplaceUser' as const, args: [{}] })).resolves.toEqual({
      done: false,
      why: 'WorkplaceRequestRejected',
      failure: {
        type: 'WorkplaceRequestRejected',
        message: 'domain not verified',
        nonRetryable: true,
        details: [{ status: 400, scimType: 'invalidValue' }],
      },
    });
    await expect(env.run(tryInTask, { activity: 'findWorkplaceUser' as const, args: [{}] })).resolves.toEqual({
      done: false,
      why: 'WorkplaceThrottled',
      failure: { type: 'WorkplaceThrottled', message: '429', nonRetryable: false, nextRetryDelayMs: 3000 },
    });
    await expect(env.run(tryInTask, { activity: 'readClaimStatus' as const, args: [{}] })).resolves.toEqual({
      done: false,
      why: 'error',
      failure: { type: 'error', message: 'a bug', nonRetryable: false },
    });
  });

  it('runs nothing that is not a directory activity', async () => {
    const all = { ...directory(), eraseEmployeeDataKey: jest.fn() };
    const { tryInTask } = createInTaskActivity(all);
    await expect(
      env.run(tryInTask, { activity: 'eraseEmployeeDataKey' as never, args: [{ employeeId: 'E1' }] }),
    ).resolves.toEqual({ done: false, why: 'not tried in a task: eraseEmployeeDataKey' });
    expect(all.eraseEmployeeDataKey).not.toHaveBeenCalled();
  });
});
