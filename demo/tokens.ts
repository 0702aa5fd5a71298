import { DEV_TOKEN_ENTRIES } from '../api/plugins/api-tokens';

/** The development tokens the demo acts with: the ones the API accepts when API_TOKENS is unset. */
export interface DemoTokens {
  hr: string;
  operator: string;
  manager: { employeeId: string; token: string };
}

/** The API's development tokens, taken from the one place that defines them. */
export function devTokens(): DemoTokens {
  const { hr, operator, manager } = DEV_TOKEN_ENTRIES;
  return { hr: hr.token, operator: operator.token, manager: { employeeId: manager.employeeId, token: manager.token } };
}
