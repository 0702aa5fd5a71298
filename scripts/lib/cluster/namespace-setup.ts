import { isGrpcServiceError, type Connection } from '@temporalio/client';
import Long from 'long';
import { durationMs } from '../../../workflows/contract';
import { indexedValueTypeOf, type SearchAttributeDefinition } from '../search-attribute-types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** gRPC's NOT_FOUND status code. */
const NOT_FOUND = new Set<number>([5]);

/**
 * What docker/temporal-setup.sh does in docker-compose, through the SDK: registers `namespace`
 * unless it exists, then the custom search attributes it lacks, and waits until the frontend
 * lists them all. Idempotent.
 */
export async function setupNamespace(
  connection: Connection,
  namespace: string,
  searchAttributes: readonly SearchAttributeDefinition[],
  { retention = '30 days', timeoutMs = 60_000 }: { retention?: string; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (!isGrpcServiceError(error) || !NOT_FOUND.has(error.code)) throw error;
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(Math.floor(durationMs(retention) / 1000)) },
    });
  }
  for (;;) {
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = searchAttributes.filter((key) => !customAttributes?.[key.name]);
      if (missing.length === 0) return;
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueTypeOf(key.type)])),
      });
    } catch (error) {
      // A namespace registered a moment ago may not be in every cache yet.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the search attributes of ${namespace} were not listed in time`);
    await sleep(500);
  }
}
