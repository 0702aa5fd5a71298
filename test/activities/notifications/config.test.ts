import { ConfigError } from '../../../config/env';
import { loadMailConfig } from '../../../activities/notifications';

describe('loadMailConfig', () => {
  it('defaults to plain SMTP on 127.0.0.1:1025 without credentials, for the local sink', () => {
    expect(loadMailConfig({})).toEqual({
      host: '127.0.0.1',
      port: 1025,
      secure: false,
      requireTls: false,
      timeoutMs: 30_000,
      from: 'Tenure <tenure@localhost>',
      operatorsEmail: 'it-operators@localhost',
      messageIdDomain: 'tenure.local',
      defaultLocale: 'en_US',
    });
  });

  it('reads every variable', () => {
    const config = loadMailConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_REQUIRE_TLS: 'true',
      SMTP_USER: 'tenure',
      SMTP_PASSWORD: 'secret',
      SMTP_TIMEOUT_MS: '5000',
      MAIL_FROM: 'IT <it@example.com>',
      OPERATORS_EMAIL: 'ops@example.com',
      MAIL_MESSAGE_ID_DOMAIN: 'example.com',
      DEFAULT_LOCALE: 'fr_CA',
    });
    expect(config).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      requireTls: true,
      auth: { user: 'tenure', pass: 'secret' },
      timeoutMs: 5000,
      from: 'IT <it@example.com>',
      operatorsEmail: 'ops@example.com',
      messageIdDomain: 'example.com',
      defaultLocale: 'fr_CA',
    });
  });

  it('refuses a password without a user, without showing the password', () => {
    expect(() => loadMailConfig({ SMTP_PASSWORD: 'hunter2' })).toThrow(ConfigError);
    expect(() => loadMailConfig({ SMTP_PASSWORD: 'hunter2' })).toThrow(/SMTP_PASSWORD="<redacted>"/);
    expect(() => loadMailConfig({ SMTP_PASSWORD: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('names each bad variable', () => {
    expect(() => loadMailConfig({ SMTP_SECURE: 'maybe', SMTP_PORT: '99999', DEFAULT_LOCALE: 'english!' })).toThrow(
      /SMTP_PORT=.*\n.*SMTP_SECURE=.*\n.*DEFAULT_LOCALE=/,
    );
  });
});
