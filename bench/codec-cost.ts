import type { Payload } from '@temporalio/common';
import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { employeeWorkflowId } from '../workflows/contract';
import { cpuBetween, cpuSnapshot } from './lib/cpu';
import { report } from './lib/output';
import { invitedInEmulator, startBenchStack, submitJoiners } from './lib/stack';
import { joiners } from './onboarding';

/**
 * What encryption costs per lifecycle. N joiners are onboarded through the API on the encrypted
 * stack (worker and API each in its own process, SQLite store); then every payload group their
 * histories hold — read raw, as Temporal keeps them — is decrypted and encrypted again through the
 * same codec and store, one codec call per group, as the worker and the API did: the codec's time
 * and CPU per lifecycle, beside the worker's whole CPU per lifecycle in the same burst.
 */

const N = Number(process.env.BENCH_CODEC_N ?? 200);

/** Each payload group (a Payloads message, or a lone Payload) in a raw proto object. */
function payloadGroups(value: unknown, out: Payload[][] = []): Payload[][] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.payloads)) {
    out.push(record.payloads as Payload[]);
    return out;
  }
  if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
    out.push([record]);
    return out;
  }
  // Search attributes and headers never pass through the codec.
  for (const [key, child] of Object.entries(record)) {
    if (key !== 'searchAttributes' && key !== 'header') payloadGroups(child, out);
  }
  return out;
}

export async function codecCostBench(): Promise<void> {
  const stack = await startBenchStack({ policy: { ...DEFAULT_LIFECYCLE_POLICY } });
  try {
    const run = `CDC${Date.now().toString(36)}`;
    const records = joiners(run, N);
    const before = cpuSnapshot();
    await submitJoiners(stack, records);
    const deadline = Date.now() + 10 * 60_000;
    while (invitedInEmulator(stack.emulator, run) < N) {
      if (Date.now() > deadline)
        throw new Error(`codec-cost: ${invitedInEmulator(stack.emulator, run)} of ${N} invited`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const burstCpu = cpuBetween(before, cpuSnapshot());

    const lifecycles: { workflowId: string; groups: Payload[][] }[] = [];
    for (const record of records) {
      const workflowId = employeeWorkflowId(record.employeeId);
      const history = await stack.client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId },
      });
      lifecycles.push({ workflowId, groups: payloadGroups(history.history) });
    }
    const { codec } = stack.codec;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const { workflowId, groups } of lifecycles) {
      const context = { type: 'workflow' as const, namespace: 'default', workflowId };
      for (const group of groups) await codec.encode(await codec.decode(group), context);
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);

    const payloads = lifecycles.reduce((sum, l) => sum + l.groups.flat().length, 0) / N;
    const calls = lifecycles.reduce((sum, l) => sum + l.groups.length, 0) / N;
    const bytes =
      lifecycles.reduce((sum, l) => sum + l.groups.flat().reduce((s, p) => s + (p.data?.length ?? 0), 0), 0) / N;
    const workerCpuMsPerLifecycle =
      burstCpu?.['tenure-worker'] !== undefined ? (burstCpu['tenure-worker'] * 1000) / N : undefined;
    const codecCpuMs = (cpu.user + cpu.system) / 1000 / N;
    report({
      benchmark: 'codec-cost',
      metric: 'codec-ms-per-lifecycle',
      value: ms / N,
      unit: 'ms',
      joiners: N,
      stage: 'onboarded (provisioned and invited)',
      codecCpuMsPerLifecycle: codecCpuMs,
      codecCallsPerLifecycle: calls,
      payloadsPerLifecycle: payloads,
      encryptedBytesPerLifecycle: Math.round(bytes),
      store: 'SQLite',
      ...(workerCpuMsPerLifecycle !== undefined
        ? { workerCpuMsPerLifecycle, codecShareOfWorkerCpu: codecCpuMs / workerCpuMsPerLifecycle }
        : {}),
      ...(burstCpu ? { burstCpuSeconds: burstCpu } : {}),
    });
  } finally {
    await stack.close();
  }
}
