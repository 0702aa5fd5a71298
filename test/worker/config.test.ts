import { loadWorkerConfig } from '../../worker/config';

describe("the worker's configuration", () => {
  it('paces each worker at its share of the request limit when WORKPLACE_LIMIT_SHARED_BY names several workers; the task queue keeps the whole limit', () => {
    const alone = loadWorkerConfig({ WORKPLACE_MAX_REQUESTS_PER_SECOND: '20' });
    expect(alone).toMatchObject({ maxRequestsPerSecond: 20, pacePerSecond: 20 });
    const shared = loadWorkerConfig({ WORKPLACE_MAX_REQUESTS_PER_SECOND: '20', WORKPLACE_LIMIT_SHARED_BY: '2' });
    expect(shared).toMatchObject({ maxRequestsPerSecond: 20, pacePerSecond: 10 });
    expect(loadWorkerConfig({}).pacePerSecond).toBeUndefined();
    expect(() => loadWorkerConfig({ WORKPLACE_LIMIT_SHARED_BY: '0' })).toThrow('WORKPLACE_LIMIT_SHARED_BY');
  });

  it('leaves the sticky cache to the SDK unless WORKER_MAX_CACHED_WORKFLOWS is set', () => {
    expect(loadWorkerConfig({}).maxCachedWorkflows).toBeUndefined();
    expect(loadWorkerConfig({ WORKER_MAX_CACHED_WORKFLOWS: '500' }).maxCachedWorkflows).toBe(500);
  });

  it('tries directory requests in the workflow task unless switched off, or under a request limit whose share nobody stated', () => {
    expect(loadWorkerConfig({}).directoryInTask).toBe(true);
    expect(loadWorkerConfig({ DIRECTORY_IN_TASK: 'false' })).toMatchObject({
      directoryInTask: false,
      directoryInTaskOff: 'DIRECTORY_IN_TASK=false',
    });
    const unstated = loadWorkerConfig({ WORKPLACE_MAX_REQUESTS_PER_SECOND: '20' });
    expect(unstated.directoryInTask).toBe(false);
    expect(unstated.directoryInTaskOff).toContain('WORKPLACE_LIMIT_SHARED_BY');
    expect(
      loadWorkerConfig({ WORKPLACE_MAX_REQUESTS_PER_SECOND: '20', WORKPLACE_LIMIT_SHARED_BY: '1' }).directoryInTask,
    ).toBe(true);
    expect(() => loadWorkerConfig({ DIRECTORY_IN_TASK: 'sometimes' })).toThrow('DIRECTORY_IN_TASK');
  });
});
