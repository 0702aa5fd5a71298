import { ConfigError } from '../../config/env';
import { DEV_TOKENS, parseApiTokens, principalOf } from '../../api/plugins/api-tokens';
import { loadApiConfig } from '../../api/plugins/config';

const HR = 'h'.repeat(32);
const OPS = 'o'.repeat(40);
const MGR = 'm'.repeat(44);

describe('API_TOKENS', () => {
  it('reads hr, operator and manager entries, the manager bound to an employee id', () => {
    const parsed = parseApiTokens(` hr:${HR}, operator:${OPS} ,manager:M-7:${MGR}`);
    if (!('entries' in parsed)) throw new Error(parsed.problems.join('; '));
    expect(principalOf(parsed.entries, HR)).toMatchObject({ role: 'hr' });
    expect(principalOf(parsed.entries, OPS)).toMatchObject({ role: 'operator' });
    expect(principalOf(parsed.entries, MGR)).toEqual({ role: 'manager', employeeId: 'M-7', name: 'manager:M-7' });
    expect(principalOf(parsed.entries, `${HR}x`)).toBeUndefined();
    expect(principalOf(parsed.entries, '')).toBeUndefined();
  });

  it('refuses short tokens, unknown roles, bad manager ids and a token given twice, without echoing tokens', () => {
    const parsed = parseApiTokens(
      `hr:short,admin:${HR},manager:bad id:${MGR},manager:${MGR},operator:${OPS},hr:${OPS}`,
    );
    expect(parsed).toEqual({
      problems: [
        'entry 1 (hr): the token must be 32–256 characters of A-Z a-z 0-9 . _ ~ + / = -',
        'entry 2: expected hr:<token>, operator:<token> or manager:<employeeId>:<token>',
        "entry 3: 'bad id' is not an employee id",
        'entry 4: expected hr:<token>, operator:<token> or manager:<employeeId>:<token>',
        'entry 6 (hr): the same token is given twice',
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain(OPS);
  });

  it('refuses the development tokens in production', () => {
    expect(parseApiTokens(DEV_TOKENS, { production: true })).toEqual({
      problems: [
        'entry 1 (hr): development tokens are refused in production',
        'entry 2 (operator): development tokens are refused in production',
        'entry 3 (manager): development tokens are refused in production',
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
      loadApiConfig({ API_TOKENS: `hr:${HR},hr:short`, API_PORT: 'eighty', API_CURSOR_SECRET: 'tiny' });
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
});
