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
});
