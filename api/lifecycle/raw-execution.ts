import {
  defaultPayloadConverter,
  SearchAttributeType,
  TypedSearchAttributes,
  type SearchAttributePair,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../workflows/contract';

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;
type RawTimestamp = temporal.api.workflow.v1.IWorkflowExecutionInfo['startTime'];

/** What a list page needs of a run: the facts visibility holds, without the SDK's internals. */
export interface ExecutionFacts {
  workflowId: string;
  runId: string;
  status: { name: string };
  startTime: Date;
  closeTime?: Date;
  typedSearchAttributes: TypedSearchAttributes;
}

const STATUS_PREFIX = 'WORKFLOW_EXECUTION_STATUS_';

const dateOf = (timestamp: RawTimestamp): Date | undefined =>
  timestamp?.seconds != null
    ? new Date(Number(timestamp.seconds) * 1_000 + Math.floor((timestamp.nanos ?? 0) / 1_000_000))
    : undefined;

/**
 * Reads a run from a raw `ListWorkflowExecutions` answer (the API pages visibility itself, to hand
 * out its page tokens): the contract's search attributes decoded by the public payload converter —
 * visibility keeps them plain, never through the codec.
 */
export function executionFactsOf(raw: RawExecution): ExecutionFacts {
  const fields = raw.searchAttributes?.indexedFields ?? {};
  const pairs: SearchAttributePair[] = [];
  for (const key of SEARCH_ATTRIBUTES) {
    const payload = fields[key.name];
    if (!payload) continue;
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    if (value === null || value === undefined) continue;
    const typed = key.type === SearchAttributeType.DATETIME ? new Date(value as string) : value;
    pairs.push({ key, value: typed } as SearchAttributePair);
  }
  const statusName = temporal.api.enums.v1.WorkflowExecutionStatus[raw.status ?? 0] ?? 'UNSPECIFIED';
  const closeTime = dateOf(raw.closeTime);
  return {
    workflowId: raw.execution?.workflowId ?? '',
    runId: raw.execution?.runId ?? '',
    status: { name: statusName.replace(STATUS_PREFIX, '') },
    startTime: dateOf(raw.startTime) ?? new Date(0),
    ...(closeTime ? { closeTime } : {}),
    typedSearchAttributes: new TypedSearchAttributes(pairs),
  };
}
