import { action, facts, note, paragraph } from '../document';
import type { ReminderNotification } from '../notification';
import type { LocalizedTemplates } from './template';

/** To the employee, while their Workplace account is unclaimed: the claim link, prominently. */
export const reminderTemplates: LocalizedTemplates<ReminderNotification> = {
  en: (n, format) => ({
    subject: `Reminder ${n.reminderNumber} of ${n.maxReminders}: claim your Workplace account`,
    blocks: [
      paragraph(`Hello ${n.displayName},`),
      paragraph(
        'Your Workplace account is ready, but it has not been claimed yet. Claiming it takes a minute ' +
          'and connects you with your team from your first day.',
      ),
      action(n.claimLink, 'Claim your Workplace account'),
      facts(['Your start date', format.day(n.startDate)], ['Reminder', `${n.reminderNumber} of ${n.maxReminders}`]),
      note('Sent automatically by Tenure on behalf of your IT team. Replies to this address are not read.'),
    ],
  }),
  fr: (n, format) => ({
    subject: `Rappel ${n.reminderNumber} sur ${n.maxReminders}\u00a0: activez votre compte Workplace`,
    blocks: [
      paragraph(`Bonjour ${n.displayName},`),
      paragraph(
        'Votre compte Workplace est prêt, mais il n’a pas encore été activé. L’activation prend une minute ' +
          'et vous met en contact avec votre équipe dès votre premier jour.',
      ),
      action(n.claimLink, 'Activer mon compte Workplace'),
      facts(['Votre date d’arrivée', format.day(n.startDate)], ['Rappel', `${n.reminderNumber} sur ${n.maxReminders}`]),
      note(
        'Message envoyé automatiquement par Tenure pour le compte de votre service informatique. ' +
          'Les réponses à cette adresse ne sont pas lues.',
      ),
    ],
  }),
};
