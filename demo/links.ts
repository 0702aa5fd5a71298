import { employeeWorkflowId } from '../workflows/contract';
import { RUN_PREFIX } from './cast';
import type { DemoConfig } from './config';

/** A place to look at after the demo. */
export interface Link {
  label: string;
  url: string;
}

const quote = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** A Temporal visibility query matching these employees' runs (`EmployeeId IN (...)`). */
export function employeesQuery(employeeIds: readonly string[]): string {
  return `EmployeeId IN (${employeeIds.map(quote).join(', ')})`;
}

/** A Temporal visibility query matching every demo run's employees. */
export function allDemoRunsQuery(): string {
  return `EmployeeId STARTS_WITH ${quote(RUN_PREFIX)}`;
}

/** The Temporal UI's workflow list, filtered by a visibility query (its documented `?query=` form). */
export function temporalListUrl(config: Pick<DemoConfig, 'temporalUiUrl' | 'namespace'>, query: string): string {
  return `${config.temporalUiUrl}/namespaces/${encodeURIComponent(config.namespace)}/workflows?query=${encodeURIComponent(query)}`;
}

/** One employee's workflow in the Temporal UI: that run's history, or the latest run without a run id. */
export function temporalWorkflowUrl(
  config: Pick<DemoConfig, 'temporalUiUrl' | 'namespace'>,
  employeeId: string,
  runId?: string,
): string {
  const base = `${config.temporalUiUrl}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(
    employeeWorkflowId(employeeId),
  )}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}

/** Where to look after the demo: the UI filtered to its employees, each workflow, the mail, the directory. */
export function demoLinks(
  config: DemoConfig,
  employees: readonly { name: string; employeeId: string; runId?: string }[],
): Link[] {
  return [
    {
      label: "Temporal UI, the demo's employees",
      url: temporalListUrl(config, employeesQuery(employees.map((e) => e.employeeId))),
    },
    ...employees.map((e) => ({
      label: `  ${e.name} (${e.employeeId})`,
      url: temporalWorkflowUrl(config, e.employeeId, e.runId),
    })),
    { label: 'Temporal UI, every demo run', url: temporalListUrl(config, allDemoRunsQuery()) },
    { label: 'Mail sent (SMTP sink)', url: `${config.sinkUrl}/` },
    {
      label: 'Workplace users (emulator; send its token: Authorization: Bearer <EMULATOR_TOKENS>)',
      url: `${config.emulatorUrl}/_emulator/users`,
    },
    { label: 'API docs (Swagger UI)', url: `${config.apiUrl}/docs` },
  ];
}
