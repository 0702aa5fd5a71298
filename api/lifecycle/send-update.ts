import { WorkflowUpdateStage } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { isErasedValue } from '../../codec/erased-payload';
import { employeeWorkflowId, type EmployeeStatus } from '../../workflows/contract';
import { ApiError } from '../errors';
import type { UpdateAnswer } from '../schemas/status';
import { recordDecision } from './decision-ledger';
import { describeEmployee, requireEmployee } from './describe';
import { endedView } from './read-status';
import { requested, updateIdOf, type RequestContext } from './request-context';
import type { TemporalCalls } from './temporal-calls';

/**
 * Sends one of the lifecycle's updates, with who asks and (given an Idempotency-Key) an update id
 * that makes a retry harmless, and answers the status it returns. The workflow's validator decides:
 * a malformed request is a 400, a refused one a 422 with its reason; an update to a run that has
 * ended is a 422 that says so, an unknown employee a 404.
 *
 * A request that ends the lifecycle (a confirmed deletion, a withdrawn offer, a retried deletion)
 * is answered by a workflow that erases the employee's data key next: the answer, encrypted under
 * that key, may reach the API after the erasure and decode to the erased placeholder. Then what
 * remains is answered: the run's summary, with `ended: true`.
 */

export async function sendUpdate<Arg extends object>(
  temporal: TemporalCalls,
  employeeId: string,
  update: UpdateDefinition<EmployeeStatus, [Arg]>,
  arg: Arg,
  context?: RequestContext,
  operation: string = update.name,
): Promise<UpdateAnswer> {
  const updateId = updateIdOf(context, operation, employeeId, arg);
  const withRequest = { ...arg, ...requested(context) };
  let answer: EmployeeStatus;
  try {
    const accepted = await temporal.call(
      `update:${update.name}`,
      async (client) => {
        // executeUpdate's own two steps, keeping the handle: the ledger wants the update and run ids.
        const handle = await client.workflow
          .getHandle(employeeWorkflowId(employeeId))
          .startUpdate<EmployeeStatus, [Arg]>(update, {
            args: [withRequest],
            waitForStage: WorkflowUpdateStage.ACCEPTED,
            ...(updateId ? { updateId } : {}),
          });
        return { handle, answer: await handle.result() };
      },
      { employeeId },
    );
    answer = accepted.answer;
    if (context?.ledger) {
      const decision = {
        employeeId,
        update: update.name,
        updateId: accepted.handle.updateId,
        runId: accepted.handle.workflowRunId ?? '',
        actor: context.actor,
        at: new Date(),
      };
      await recordDecision(context.ledger, decision).catch((error: unknown) => {
        // The request took effect; its audit row did not. A retry with the same Idempotency-Key
        // changes nothing more and writes the row (its key is the update id).
        throw new ApiError(
          'STORE_UNAVAILABLE',
          'the request was accepted, but its audit record could not be written: send it again with the same Idempotency-Key',
          [],
          { cause: error },
        );
      });
    }
  } catch (error) {
    if (error instanceof ApiError && error.code === 'EMPLOYEE_NOT_FOUND') {
      // Temporal answers "not found" for an update to a run that completed: tell the two apart.
      const described = await describeEmployee(temporal, employeeId);
      if (described?.closed) {
        throw new ApiError(
          'LIFECYCLE_ENDED',
          `the lifecycle of ${employeeId} has ended (${described.summary.stage ?? described.executionStatus.toLowerCase()}): it accepts no ${update.name} request`,
        );
      }
    }
    throw error;
  }
  if (isErasedValue(answer)) return endedView(await requireEmployee(temporal, employeeId));
  return answer;
}
