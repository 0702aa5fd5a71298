import { DEV_TOKENS } from '../api/plugins/api-tokens';

/** The development tokens the demo acts with: the ones the API accepts when API_TOKENS is unset. */
export interface DemoTokens {
  hr: string;
  operator: string;
  manager: { employeeId: string; token: string };
}

/** The API's development tokens, taken from the one place that defines them. */
export function devTokens(entries: string = DEV_TOKENS): DemoTokens {
  const parts = entries.split(',').map((entry) => entry.trim().split(':'));
  const of = (role: string) => parts.find((p) => p[0] === role);
  const hr = of('hr')?.[1];
  const operator = of('operator')?.[1];
  const manager = of('manager');
  if (!hr || !operator || !manager?.[1] || !manager[2]) throw new Error('the development tokens lack a role');
  return { hr, operator, manager: { employeeId: manager[1], token: manager[2] } };
}
