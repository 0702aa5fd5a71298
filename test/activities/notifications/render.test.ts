import {
  InvalidNotificationError,
  renderNotification,
  type LeaveNoticeNotification,
  type ManagerEscalationNotification,
  type ManualDeletionRequestNotification,
  type Notification,
  type ReminderNotification,
} from '../../../activities/notifications';
import { localeFallbacks } from '../../../activities/notifications/locale';

const options = { defaultLocale: 'en_US', messageIdDomain: 'tenure.test' };

const reminder: ReminderNotification = {
  kind: 'reminder',
  employeeId: 'E123',
  slot: 'c1-r2',
  to: 'ada@example.com',
  displayName: 'Ada Lovelace',
  claimLink: 'https://work.example.com/claim/abc?token=1&lang=en',
  reminderNumber: 2,
  maxReminders: 3,
  startDate: '2026-09-01',
};

const escalation: ManagerEscalationNotification = {
  kind: 'manager-escalation',
  employeeId: 'E123',
  slot: 'c1-escalation',
  to: 'grace@example.com',
  managerName: 'Grace Hopper',
  employeeName: 'Ada Lovelace',
  employeeEmail: 'ada@example.com',
  claimLink: 'https://work.example.com/claim/abc',
  remindersSent: 3,
  startDate: '2026-09-01',
};

const leaveNotice: LeaveNoticeNotification = {
  kind: 'leave-notice',
  employeeId: 'E123',
  slot: 'leave-1',
  to: 'grace@example.com',
  managerName: 'Grace Hopper',
  employeeName: 'Ada Lovelace',
  // 23:59 on Friday 31 July 2026 in Tokyo (UTC+9).
  deactivateAt: '2026-07-31T14:59:00.000Z',
  timeZone: 'Asia/Tokyo',
  reason: 'leave-date',
};

const deletionRequest: ManualDeletionRequestNotification = {
  kind: 'manual-deletion-request',
  employeeId: 'E123',
  slot: 'deletion-1',
  to: 'it-operators@localhost',
  employeeName: 'Ada Lovelace',
  workplaceUserId: '100042',
  confirmUrl: 'http://127.0.0.1:3000/v1/employees/E123/deletion-confirmed',
};

const all: Notification[] = [reminder, escalation, leaveNotice, deletionRequest];

describe('renderNotification', () => {
  it('greets the employee in the reminder and shows the claim link as the action, the reminder count and the start date', () => {
    const r = renderNotification(reminder, options);
    expect(r.subject).toBe('Reminder 2 of 3: claim your Workplace account');
    expect(r.text).toContain('Hello Ada Lovelace,');
    expect(r.text).toContain('Claim your Workplace account:\n  https://work.example.com/claim/abc?token=1&lang=en');
    expect(r.text).toContain('Reminder: 2 of 3');
    expect(r.text).toContain('Tuesday, September 1, 2026');
    expect(r.html).toContain('href="https://work.example.com/claim/abc?token=1&amp;lang=en"');
    expect(r.html).toMatch(/<a href="[^"]+" style="display:inline-block[^"]*">Claim your Workplace account<\/a>/);
    expect(r.html).toContain('Tuesday, September 1, 2026');
  });

  it('tells the manager in the escalation who has not claimed, after how many reminders, and gives the link to forward', () => {
    const r = renderNotification(escalation, options);
    expect(r.subject).toBe('Ada Lovelace has not claimed their Workplace account');
    expect(r.text).toContain('Hello Grace Hopper,');
    expect(r.text).toContain('after 3 reminders');
    expect(r.text).toContain('Work e-mail: ada@example.com');
    expect(r.text).toContain('Start date: Tuesday, September 1, 2026');
    expect(r.text).toContain('forward them this claim link');
    expect(r.text).toContain('https://work.example.com/claim/abc');
    expect(r.html).toContain('<strong>Ada Lovelace</strong>');
    expect(r.html).toContain('href="https://work.example.com/claim/abc"');
  });

  it('asks the manager to look for the invitation when the escalation has no claim link, and counts one reminder in the singular', () => {
    const { claimLink: _omitted, ...withoutLink } = escalation;
    const r = renderNotification({ ...withoutLink, remindersSent: 1, managerName: undefined }, options);
    expect(r.text).toContain('Hello,');
    expect(r.text).toContain('after 1 reminder.');
    expect(r.text).toContain('look for the invitation from Workplace');
    expect(r.text).not.toContain('https://');
  });

  it('shows the deactivation instant of the leave notice in the employee’s time zone, with the zone name', () => {
    const tokyo = renderNotification(leaveNotice, options);
    expect(tokyo.text).toContain('Friday, July 31, 2026');
    expect(tokyo.text).toMatch(/11:59\s?PM \(Asia\/Tokyo\)/);
    expect(tokyo.html).toMatch(/<strong>Friday, July 31, 2026[^<]*11:59\s?PM \(Asia\/Tokyo\)<\/strong>/);

    const newYork = renderNotification({ ...leaveNotice, timeZone: 'America/New_York' }, options);
    expect(newYork.text).toMatch(/Friday, July 31, 2026[^(]*10:59\s?AM \(America\/New_York\)/);

    const britishTokyo = renderNotification({ ...leaveNotice, locale: 'en_GB' }, options);
    expect(britishTokyo.text).toMatch(/Friday,? 31 July 2026[^(]*23:59 \(Asia\/Tokyo\)/);
  });

  it('gives the reason of the leave notice: the leave date or an early leave', () => {
    const atLeaveDate = renderNotification(leaveNotice, options);
    const early = renderNotification({ ...leaveNotice, reason: 'early-leave' }, options);
    expect(atLeaveDate.text).toContain('the leave date recorded in the HR system');
    expect(early.text).toContain('An early leave was recorded');
    expect(early.text).not.toContain('the leave date recorded in the HR system');
  });

  it('asks operators to delete the Workplace user by hand and then to confirm at the given URL', () => {
    const r = renderNotification(deletionRequest, options);
    expect(r.subject).toBe('Action needed: delete Workplace user 100042 in the Admin Panel');
    expect(r.text).toContain('does not allow a claimed account to be deleted through its API');
    expect(r.text).toContain('deactivated it and scrubbed its profile');
    expect(r.text).toContain('1. Delete Workplace user 100042 (employee E123) in the Workplace Admin Panel.');
    expect(r.text).toContain('  POST http://127.0.0.1:3000/v1/employees/E123/deletion-confirmed');
    expect(r.html).toContain('<pre');
    expect(r.html).toContain('POST http://127.0.0.1:3000/v1/employees/E123/deletion-confirmed</pre>');
  });

  it('names the employee by id in the deletion request when no name is given (it may have been scrubbed)', () => {
    const { employeeName: _omitted, ...anonymous } = deletionRequest;
    expect(renderNotification(anonymous, options).text).toContain('The Workplace account of employee E123 has');
  });

  it.each([
    ['reminder', { ...reminder, displayName: "<script>alert(1)</script> O'Brien & Sons" }],
    ['manager-escalation', { ...escalation, employeeName: "<script>alert(1)</script> O'Brien & Sons" }],
    ['leave-notice', { ...leaveNotice, employeeName: "<script>alert(1)</script> O'Brien & Sons" }],
    ['manual-deletion-request', { ...deletionRequest, employeeName: "<script>alert(1)</script> O'Brien & Sons" }],
  ] as Array<[string, Notification]>)('escapes every interpolated value in the HTML of the %s', (_kind, n) => {
    const r = renderNotification(n, options);
    expect(r.html).not.toContain('<script>');
    expect(r.html).not.toContain("O'Brien");
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; Sons');
    // The text body is not HTML: it shows the name as written.
    expect(r.text).toContain("<script>alert(1)</script> O'Brien & Sons");
  });

  it('escapes the subject in the HTML title', () => {
    const r = renderNotification({ ...escalation, employeeName: '<b>Ada</b>' }, options);
    expect(r.subject).toBe('<b>Ada</b> has not claimed their Workplace account');
    expect(r.html).toContain('<title>&lt;b&gt;Ada&lt;/b&gt; has not claimed their Workplace account</title>');
  });

  it('renders French for fr_CA (via fr) with Canadian French dates', () => {
    const r = renderNotification({ ...leaveNotice, locale: 'fr_CA' }, options);
    expect(r.locale).toBe('fr');
    expect(r.subject).toBe('Le compte Workplace de Ada Lovelace va être désactivé');
    expect(r.text).toContain('Bonjour Grace Hopper,');
    expect(r.text).toContain('vendredi 31 juillet 2026 à 23 h 59 (Asia/Tokyo)');
    expect(r.html).toContain('<html lang="fr">');
  });

  it('renders every notification in French for fr', () => {
    const subjects = all.map((n) => renderNotification({ ...n, locale: 'fr' }, options).subject);
    expect(subjects).toEqual([
      'Rappel 2 sur 3\u00a0: activez votre compte Workplace',
      'Ada Lovelace n’a pas activé son compte Workplace',
      'Le compte Workplace de Ada Lovelace va être désactivé',
      'Action requise\u00a0: supprimer l’utilisateur Workplace 100042 dans le panneau d’administration',
    ]);
    expect(renderNotification({ ...reminder, locale: 'fr' }, options).text).toContain('mardi 1 septembre 2026');
  });

  it('falls back to English for a locale without templates, with English dates', () => {
    const r = renderNotification({ ...reminder, locale: 'de_DE' }, options);
    expect(r.locale).toBe('en');
    expect(r.subject).toBe('Reminder 2 of 3: claim your Workplace account');
    expect(r.text).toContain('Tuesday, September 1, 2026');
  });

  it('uses the default locale when the notification has none, and before English when its own is missing', () => {
    const french = { ...options, defaultLocale: 'fr_FR' };
    expect(renderNotification(reminder, french).locale).toBe('fr');
    expect(renderNotification({ ...reminder, locale: 'de_DE' }, french).locale).toBe('fr');
    expect(renderNotification({ ...reminder, locale: 'en_GB' }, french).locale).toBe('en');
  });

  it('tries the requested locale, its language, the default locale, its language, then English', () => {
    expect(localeFallbacks('fr_CA', 'en_US')).toEqual(['fr-CA', 'fr', 'en-US', 'en']);
    expect(localeFallbacks(undefined, 'fr_FR')).toEqual(['fr-FR', 'fr', 'en']);
    expect(localeFallbacks('not a locale!', 'en_US')).toEqual(['en-US', 'en']);
  });

  it('gives the same Message-ID to the same send and a different one to another slot, kind or employee', () => {
    const id = renderNotification(reminder, options).messageId;
    expect(id).toBe('<tenure.reminder.c1-r2.E123@tenure.test>');
    expect(renderNotification({ ...reminder }, options).messageId).toBe(id);
    expect(renderNotification({ ...reminder, displayName: 'Someone Else' }, options).messageId).toBe(id);
    expect(renderNotification({ ...reminder, slot: 'c1-r3' }, options).messageId).toBe(
      '<tenure.reminder.c1-r3.E123@tenure.test>',
    );
    expect(renderNotification({ ...reminder, employeeId: 'E124' }, options).messageId).not.toBe(id);
    expect(renderNotification({ ...escalation, slot: 'c1-r2' }, options).messageId).not.toBe(id);
  });

  it('keeps Message-IDs valid and distinct for employee ids with dots', () => {
    const dotted = renderNotification({ ...reminder, employeeId: 'a..b' }, options).messageId;
    const underscored = renderNotification({ ...reminder, employeeId: 'a_b' }, options).messageId;
    expect(dotted).toBe('<tenure.reminder.c1-r2.a=2E=2Eb@tenure.test>');
    expect(dotted).not.toBe(underscored);
    // RFC 5322 dot-atom: no empty atom between dots.
    expect(dotted).toMatch(/^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@tenure\.test>$/);
  });

  it('sets the notification kind and employee id headers for filtering', () => {
    for (const n of all) {
      const { headers } = renderNotification(n, options);
      expect(headers['X-Tenure-Notification']).toBe(n.kind);
      expect(headers['X-Tenure-Employee-Id']).toBe('E123');
      expect(headers['Auto-Submitted']).toBe('auto-generated');
    }
  });

  it('refuses a claim link that is not http(s), naming the field', () => {
    expect(() => renderNotification({ ...reminder, claimLink: 'javascript:alert(1)' }, options)).toThrow(
      InvalidNotificationError,
    );
    expect(() => renderNotification({ ...reminder, claimLink: 'javascript:alert(1)' }, options)).toThrow(/claimLink/);
  });

  it('refuses a name with a line break, which could otherwise inject headers through the subject', () => {
    expect(() =>
      renderNotification({ ...escalation, employeeName: 'Ada\r\nBcc: attacker@example.com' }, options),
    ).toThrow(/employeeName/);
  });

  it('refuses an unknown time zone, an impossible date and a slot with a dot', () => {
    expect(() => renderNotification({ ...leaveNotice, timeZone: 'Mars/Olympus' }, options)).toThrow(/timeZone/);
    expect(() => renderNotification({ ...reminder, startDate: '2026-02-30' }, options)).toThrow(/startDate/);
    expect(() => renderNotification({ ...reminder, slot: 'c1.r1' }, options)).toThrow(/slot/);
  });
});
