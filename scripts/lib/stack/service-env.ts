/** Where the worker and the API find the stack's other services. */
export interface StackServices {
  /** host:port of the Temporal frontend */
  temporalAddress: string;
  /** the Workplace SCIM base URL and a token it accepts */
  workplace: { url: string; token: string | undefined };
  /** the SMTP port of the mail sink (or relay) on 127.0.0.1 */
  smtpPort: number;
}

/**
 * The variables by which the worker and the API processes find Temporal, Workplace and SMTP: the
 * same ones a deployment sets, so that a child of the stack is configured as in production.
 */
export function serviceEnv(services: StackServices): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: services.temporalAddress,
    WORKPLACE_SCIM_URL: services.workplace.url,
    WORKPLACE_ACCESS_TOKEN: services.workplace.token,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(services.smtpPort),
  };
}
