import { ConfigError } from '../../config/env';
import { loadSmtpSinkConfig } from '../../smtp-sink/config';

describe('loadSmtpSinkConfig', () => {
  it('listens on 127.0.0.1, SMTP on 1025 and HTTP on 8025, by default', () => {
    expect(loadSmtpSinkConfig({})).toEqual({ host: '127.0.0.1', smtpPort: 1025, httpPort: 8025, maxMessages: 10_000 });
  });

  it('reads the recipients to reject or defer as case-insensitive patterns', () => {
    const config = loadSmtpSinkConfig({ SMTP_SINK_REJECT_RECIPIENTS: '^bounce@', SMTP_SINK_DEFER_RECIPIENTS: 'later' });
    expect(config.rejectRecipients?.test('Bounce@example.com')).toBe(true);
    expect(config.deferRecipients?.test('ada@example.com')).toBe(false);
  });

  it('refuses a pattern that is not a regular expression', () => {
    expect(() => loadSmtpSinkConfig({ SMTP_SINK_REJECT_RECIPIENTS: '(' })).toThrow(ConfigError);
    expect(() => loadSmtpSinkConfig({ SMTP_SINK_REJECT_RECIPIENTS: '(' })).toThrow(/SMTP_SINK_REJECT_RECIPIENTS/);
  });
});
