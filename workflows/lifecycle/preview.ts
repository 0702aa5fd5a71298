import { ApplicationFailure } from '@temporalio/workflow';
import { answerCalendar, type DryRunRefusal, type FieldProblem, type PreviewStep } from '../contract/core';
import { calendarOf, calendarQuestion, schedule } from './plan';
import { destructiveSteps, project } from './projection';
import { applyLeaveChange, applyProfileChange, applyRehire, applyWithdrawal } from './requests';
import type { EmployeeState } from './state';
import { validateLeaveChange, validateProfileChange, validateRehire, validateWithdrawal } from './validators';

/**
 * A dry run against a running lifecycle (the `preview` query): the requests are validated and
 * applied — by the update handlers' own validators and appliers — to a copy of the state, and the
 * planner answers what would follow. The lifecycle's own state is not touched and nothing is
 * recorded in history.
 */
export function previewSteps(state: EmployeeState, steps: readonly PreviewStep[], now: number) {
  const copy = JSON.parse(JSON.stringify(state)) as EmployeeState;
  try {
    for (const step of steps) apply(copy, step, now);
  } catch (error) {
    return refusalOf(error);
  }
  // What the lifecycle's calendar activity would answer at once for a new leave date or start date.
  if (!calendarOf(copy)) copy.calendar = answerCalendar(calendarQuestion(copy));
  const projection = project(copy, now);
  return { stage: copy.stage, schedule: schedule(copy, now), projection, destructive: destructiveSteps(projection) };
}

function apply(state: EmployeeState, step: PreviewStep, now: number): void {
  switch (step.update) {
    case 'changeProfile':
      validateProfileChange(state, step.request);
      applyProfileChange(state, step.request, now);
      return;
    case 'changeLeave':
      validateLeaveChange(state, step.request, now);
      applyLeaveChange(state, step.request, now);
      return;
    case 'withdrawOffer':
      validateWithdrawal(state, step.request, now);
      applyWithdrawal(state, step.request, now);
      return;
    case 'rehire':
      validateRehire(state, step.request);
      applyRehire(state, step.request, now);
      return;
  }
}

function refusalOf(error: unknown): DryRunRefusal {
  if (error instanceof ApplicationFailure) {
    const problems = error.details?.[0] as FieldProblem[] | undefined;
    return { refused: { type: error.type ?? 'Error', message: error.message, ...(problems ? { problems } : {}) } };
  }
  throw error;
}
