import { ConfigError } from '../../config/env';
import { DEV_TOKENS, parseApiTokens, principalOf } from '../../api/plugins/api-tokens';
import { loadApiConfig } from '../../api/plugins/config';

const HR = 'h'.repeat(32);
const OPS = 'o'.repeat(40);
const MGR = 'm'.repeat(44);

describe('API_TOKENS', () => {
  it('reads named hr, operator and manager entries, the manager bound to an employee id', () => {
    const parsed = parseApiTokens(` hr:workday-feed:${HR}, operator:it.ops_1:${OPS} ,manager:m7:M-7:${MGR}`);
    if (!('entries' in parsed)) throw new Error(parsed.problems.join('; '));
    expect(principalOf(parsed.entries, HR)).toEqual({ role: 'hr', name: 'workday-feed' });
    expect(principalOf(parsed.entries, OPS)).toEqual({ role: 'operator', name: 'it.ops_1' });
    expect(principalOf(parsed.entries, MGR)).toEqual({ role: 'manager', name: 'm7', employeeId: 'M-7' });
    expect(principalOf(parsed.entries, `${HR}x`)).toBeUndefined();
    expect(principalOf(parsed.entries, '')).toBeUndefined();
  });

  it('refuses unnamed entries, bad names, short tokens, unknown roles, bad manager ids and repeats, without echoing tokens', () => {
    const parsed = parseApiTokens(
      [
        `hr:${HR}`,
        `manager:M-7:${MGR}`,
        'hr:feed:short',
        `admin:root:${HR}`,
        `manager:m:bad id:${MGR}`,
        `operator:-dash:${OPS}`,
        `operator:ops:${OPS}`,
        `hr:feed:${OPS}`,
        `operator:ops:${HR}`,
        `hr:a:b:${HR}`,
      ].join(','),
    );
    const grammar = 'expected hr:<name>:<token>, operator:<name>:<token> or manager:<name>:<employeeId>:<token>';
    expect(parsed).toEqual({
      problems: [
        `entry 1: ${grammar}`,
        `entry 2: ${grammar}`,
        'entry 3 (hr): the token must be 32–256 characters of A-Z a-z 0-9 . _ ~ + / = -',
        `entry 4: ${grammar}`,
        "entry 5: 'bad id' is not an employee id",
        'entry 6 (operator): the name must be 1–64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit',
        'entry 8 (hr:feed): the same token is given twice',
        'entry 9 (operator:ops): the name is given twice for this role',
        `entry 10: ${grammar}`,
      ],
    });
    for (const token of [HR, OPS, MGR]) expect(JSON.stringify(parsed)).not.toContain(token);
  });

  it('lets one name hold a token per role', () => {
    const parsed = parseApiTokens(`hr:alex:${HR},operator:alex:${OPS}`);
    expect('entries' in parsed && parsed.entries.map((e) => e.principal)).toEqual([
      { role: 'hr', name: 'alex' },
      { role: 'operator', name: 'alex' },
    ]);
  });

  it('refuses the development tokens in production', () => {
    expect(parseApiTokens(DEV_TOKENS, { production: true })).toEqual({
      problems: [
        'entry 1 (hr:dev-hr): development tokens are refused in production',
        'entry 2 (operator:dev-operator): development tokens are refused in production',
        'entry 3 (manager:dev-manager): development tokens are refused in production',
      ],
    });
  });
});

describe('loadApiConfig', () => {
  it('has documented defaults and uses the development tokens outside production', () => {
    const config = loadApiConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      devTokens: true,
      bodyLimit: 65_536,
      batchBodyLimit: 2_097_152,
      batchConcurrency: 8,
      temporalTimeoutMs: 10_000,
      readyTimeoutMs: 2_000,
      logLevel: 'info',
      temporal: { address: 'localhost:7233', namespace: 'default' },
    });
    expect(config.tokens).toHaveLength(3);
    expect(config.cursorSecret).toBeUndefined();
  });

  it('requires API_TOKENS in production and names every bad variable without printing tokens', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow('API_TOKENS: required in production');
    let error: unknown;
    try {
      loadApiConfig({ API_TOKENS: `hr:feed:${HR},hr:other:short`, API_PORT: 'eighty', API_CURSOR_SECRET: 'tiny' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('API_TOKENS="<redacted>": entry 2 (hr): the token must be 32–256 characters');
    expect(message).toContain('API_PORT="eighty"');
    expect(message).toContain('API_CURSOR_SECRET');
    expect(message).not.toContain(HR);
  });

  it('applies the development tokens only on a loopback address outside production', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']) {
      expect({ host, devTokens: loadApiConfig({ API_HOST: host }).devTokens }).toEqual({ host, devTokens: true });
    }
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'api.example.com', '::ffff:10.0.0.1']) {
      expect(() => loadApiConfig({ API_HOST: host })).toThrow(
        `API_TOKENS: required when API_HOST (${host}) is not a loopback address: the development tokens are public`,
      );
    }
    expect(() => loadApiConfig({ NODE_ENV: 'production', API_HOST: '127.0.0.1' })).toThrow(
      'API_TOKENS: required in production',
    );
    expect(loadApiConfig({ API_HOST: '0.0.0.0', API_TOKENS: `hr:feed:${HR}` }).devTokens).toBe(false);
  });

  it('reads the rate limit, the request timeout and the batch deadline, and turns the rate limit off with 0', () => {
    expect(loadApiConfig({})).toMatchObject({
      rateLimit: { max: 1200, windowMs: 60_000 },
      requestTimeoutMs: 30_000,
      batchDeadlineMs: 45_000,
    });
    const tuned = loadApiConfig({
      API_RATE_LIMIT_MAX: '5',
      API_RATE_LIMIT_WINDOW_MS: '2000',
      API_REQUEST_TIMEOUT_MS: '1500',
      API_BATCH_DEADLINE_MS: '800',
    });
    expect(tuned).toMatchObject({
      rateLimit: { max: 5, windowMs: 2000 },
      requestTimeoutMs: 1500,
      batchDeadlineMs: 800,
    });
    expect(loadApiConfig({ API_RATE_LIMIT_MAX: '0' }).rateLimit).toBeUndefined();
    const refusal = () => loadApiConfig({ API_RATE_LIMIT_MAX: '-1', API_REQUEST_TIMEOUT_MS: '10' });
    expect(refusal).toThrow('API_RATE_LIMIT_MAX="-1"');
    expect(refusal).toThrow('API_REQUEST_TIMEOUT_MS="10"');
  });
});
