import { defineSignal } from '@temporalio/workflow';
import type { Actor } from './vocabulary';

/**
 * The blast-radius brake's message: operators decided on held actions (`POST /v1/guard`). A fact,
 * hence a signal; the decision itself lives in the Tenure store, which the lifecycle asks again
 * (also on its own, hourly, should a signal be lost).
 */
export interface GuardDecisionFact {
  decision: 'released' | 'rejected';
  by: Actor;
}

/** Operators decided on this employee's held action: ask the guard again now. */
export const guardDecisionSignal = defineSignal<[GuardDecisionFact]>('guardDecision');
