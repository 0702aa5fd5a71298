import { RequestDigests } from '../api/lifecycle/request-hash';
import { joinerStartOptions } from '../api/lifecycle/start-joiner';
import { employeeLifecycleWorkflow } from '../workflows';
import { employeeWorkflowId, TASK_QUEUE, type EmployeeRecord } from '../workflows/contract';
import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { HR_TOKEN, startBenchStack } from './lib/stack';
import { quantile, report } from './lib/output';

/**
 * API overhead: latency of `POST /v1/employees` against a direct `client.workflow.start` of the
 * same workflow, one request at a time, interleaved so that all see the same load. Two direct
 * starts: the API's own start request (memo, summary, search attributes: what a client starting
 * employees directly would send too), against which the overhead is judged, and a bare one (the
 * workflow id and the record only), which shows what the start request's extras cost the server.
 */

const M = Number(process.env.BENCH_API_N ?? 300);

function joiner(id: string): EmployeeRecord {
  return {
    employeeId: id,
    email: `${id}@example.com`.toLowerCase(),
    givenName: 'Latency',
    familyName: 'Probe',
    department: 'Benchmarks',
    timeZone: 'UTC',
    // Far ahead: the workflow provisions and then only waits, adding no load while others are timed.
    startDate: '2030-01-07',
  };
}

export async function apiOverheadBench(): Promise<void> {
  const stack = await startBenchStack({ policy: { ...DEFAULT_LIFECYCLE_POLICY } });
  const digests = new RequestDigests(stack.codec.config.masterKeys);
  const run = `API${Date.now().toString(36)}`;
  const api: number[] = [];
  const direct: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < M + 20; i++) {
      const viaApi = joiner(`${run}-a${i}`);
      let started = performance.now();
      const response = await fetch(`${stack.apiUrl}/v1/employees`, {
        method: 'POST',
        headers: { authorization: `Bearer ${HR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(viaApi),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`POST answered ${response.status}`);
      const apiMs = performance.now() - started;

      const viaClient = joiner(`${run}-d${i}`);
      started = performance.now();
      await stack.tenureClient.workflow.start(
        employeeLifecycleWorkflow,
        joinerStartOptions(viaClient, digests.of(viaClient), 'REJECT_DUPLICATE'),
      );
      const directMs = performance.now() - started;

      const plain = joiner(`${run}-b${i}`);
      started = performance.now();
      await stack.tenureClient.workflow.start(employeeLifecycleWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: employeeWorkflowId(plain.employeeId),
        args: [{ employee: plain }],
      });
      const bareMs = performance.now() - started;
      // The first 20 of each warm connections and caches up.
      if (i >= 20) {
        api.push(apiMs);
        direct.push(directMs);
        bare.push(bareMs);
      }
    }
    const p50 = quantile(api, 0.5) / quantile(direct, 0.5);
    report({
      benchmark: 'api-overhead',
      metric: 'p50-latency-ratio',
      value: p50,
      unit: 'api/direct',
      requests: M,
      apiP50Ms: quantile(api, 0.5),
      apiP99Ms: quantile(api, 0.99),
      directP50Ms: quantile(direct, 0.5),
      directP99Ms: quantile(direct, 0.99),
      p99Ratio: quantile(api, 0.99) / quantile(direct, 0.99),
      target: '<= 1.25',
      met: p50 <= 1.25,
    });
    report({
      benchmark: 'api-overhead',
      metric: 'p50-latency-ratio-to-bare-start',
      value: quantile(api, 0.5) / quantile(bare, 0.5),
      unit: 'api/bare start',
      requests: M,
      bareStartP50Ms: quantile(bare, 0.5),
      bareStartP99Ms: quantile(bare, 0.99),
      directWithExtrasOverBareP50: quantile(direct, 0.5) / quantile(bare, 0.5),
    });
  } finally {
    await stack.close();
  }
}
