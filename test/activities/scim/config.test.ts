import { ConfigError } from '../../../config/env';
import { loadScimConfig } from '../../../activities/scim/config';
import { DEFAULT_USER_AGENT } from '../../../activities/scim/http';

describe('loadScimConfig', () => {
  it('defaults to the local emulator with the workplace profile', () => {
    expect(loadScimConfig({})).toEqual({
      baseUrl: 'http://127.0.0.1:4100',
      token: 'dev-token',
      profile: 'workplace',
      userAgent: DEFAULT_USER_AGENT,
      timeoutMs: 10_000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadScimConfig({
        WORKPLACE_SCIM_URL: 'https://scim.workplace.com/',
        WORKPLACE_ACCESS_TOKEN: 'real-token',
        WORKPLACE_SCIM_PROFILE: 'scim2',
        WORKPLACE_USER_AGENT: 'Acme/1.0',
        WORKPLACE_TIMEOUT_MS: '2500',
      }),
    ).toEqual({
      baseUrl: 'https://scim.workplace.com/',
      token: 'real-token',
      profile: 'scim2',
      userAgent: 'Acme/1.0',
      timeoutMs: 2500,
    });
  });

  it('names every bad variable', () => {
    const load = () =>
      loadScimConfig({ WORKPLACE_SCIM_URL: 'ftp://x', WORKPLACE_SCIM_PROFILE: 'okta', WORKPLACE_TIMEOUT_MS: '-1' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/WORKPLACE_SCIM_URL[\s\S]*WORKPLACE_SCIM_PROFILE[\s\S]*WORKPLACE_TIMEOUT_MS/);
  });

  it('refuses a plain-http URL unless its host is loopback or named in WORKPLACE_SCIM_ALLOW_HTTP_HOSTS', () => {
    for (const url of ['http://127.0.0.1:4100', 'http://localhost:4100/scim/', 'http://[::1]:4100']) {
      expect(loadScimConfig({ WORKPLACE_SCIM_URL: url }).baseUrl).toBe(url);
    }
    expect(() => loadScimConfig({ WORKPLACE_SCIM_URL: 'http://scim.internal:8080/' })).toThrow(
      'WORKPLACE_SCIM_URL="http://scim.internal:8080/": plain http sends the access token in clear: use https, ' +
        'or name scim.internal in WORKPLACE_SCIM_ALLOW_HTTP_HOSTS',
    );
    expect(() => loadScimConfig({ WORKPLACE_SCIM_URL: 'http://0.0.0.0:4100' })).toThrow('plain http');
    const allowed = {
      WORKPLACE_SCIM_URL: 'http://workplace-emulator:4100',
      WORKPLACE_SCIM_ALLOW_HTTP_HOSTS: 'a, Workplace-Emulator',
    };
    expect(loadScimConfig(allowed).baseUrl).toBe('http://workplace-emulator:4100');
    expect(loadScimConfig({ ...allowed, WORKPLACE_SCIM_URL: 'https://scim.example.com/' }).baseUrl).toBe(
      'https://scim.example.com/',
    );
  });

  it('requires its own access token in production', () => {
    expect(() => loadScimConfig({ NODE_ENV: 'production' })).toThrow('WORKPLACE_ACCESS_TOKEN: required in production');
    expect(loadScimConfig({ NODE_ENV: 'production', WORKPLACE_ACCESS_TOKEN: 'real' }).token).toBe('real');
  });

  it('refuses a request timeout the Workplace activities could not wait for', () => {
    expect(() => loadScimConfig({ WORKPLACE_TIMEOUT_MS: '60000' })).toThrow(
      /WORKPLACE_TIMEOUT_MS="60000": must be at most 25000: a Workplace activity is given 30 s/,
    );
  });
});
