import { renderNotification } from '../../../activities/notifications';
import type { GuardEngagedNotification } from '../../../activities/notifications/notification';

const options = { defaultLocale: 'en_US', messageIdDomain: 'tenure.test' };

const engaged: GuardEngagedNotification = {
  kind: 'guard-engaged',
  employeeId: 'E123',
  slot: 'guard-1764489600000',
  action: 'deactivate',
  perHour: 50,
  perDay: 500,
  queueUrl: 'http://127.0.0.1:3000/v1/guard',
};

describe('the guard-engaged e-mail to the operators', () => {
  it('says that Tenure holds destructive actions, names the first held and the limits, and where to decide', () => {
    const r = renderNotification(engaged, options);
    expect(r.subject).toBe('Tenure is holding deactivations: the guard’s limit was reached');
    expect(r.text).toContain('deactivate of employee E123');
    expect(r.text).toContain('50 per hour, 500 per day');
    expect(r.text).toContain('GET http://127.0.0.1:3000/v1/guard');
    expect(r.html).toContain('POST http://127.0.0.1:3000/v1/guard');
  });

  it('renders in French for fr', () => {
    const r = renderNotification({ ...engaged, locale: 'fr' }, options);
    expect(r.subject).toBe('Tenure retient des désactivations\u00a0: la limite du garde-fou est atteinte');
    expect(r.text).toContain('50 par heure, 500 par jour');
  });

  it('refuses a queue address that is not a web URL', () => {
    expect(() => renderNotification({ ...engaged, queueUrl: 'javascript:alert(1)' }, options)).toThrow();
  });
});
