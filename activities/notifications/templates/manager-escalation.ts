import { facts, link, note, paragraph, strong } from '../document';
import type { ManagerEscalationNotification } from '../notification';
import { plural, type LocalizedTemplates } from './template';

/** To the manager, once reminders did not get their report to claim the account. */
export const managerEscalationTemplates: LocalizedTemplates<ManagerEscalationNotification> = {
  en: (n, format) => ({
    subject: `${n.employeeName} has not claimed their Workplace account`,
    blocks: [
      paragraph(n.managerName === undefined ? 'Hello,' : `Hello ${n.managerName},`),
      paragraph(
        strong(n.employeeName),
        ` has not claimed their Workplace account after ${n.remindersSent} ${plural('en', n.remindersSent, 'reminder', 'reminders')}. `,
        'Without it they cannot join their team’s groups and chats.',
      ),
      facts(['Employee', n.employeeName], ['Work e-mail', n.employeeEmail], ['Start date', format.day(n.startDate)]),
      // The link claims the account for whoever opens it: the manager forwards it, never opens it.
      ...(n.claimLink === undefined
        ? [paragraph('Please remind them to look for the invitation from Workplace in their inbox.')]
        : [
            paragraph('Please forward them this claim link (do not open it yourself: it is personal to them):'),
            paragraph(link(n.claimLink)),
          ]),
      note('Sent automatically by Tenure on behalf of your IT team. Replies to this address are not read.'),
    ],
  }),
  fr: (n, format) => ({
    subject: `${n.employeeName} n’a pas activé son compte Workplace`,
    blocks: [
      paragraph(n.managerName === undefined ? 'Bonjour,' : `Bonjour ${n.managerName},`),
      paragraph(
        strong(n.employeeName),
        ` n’a pas activé son compte Workplace après ${n.remindersSent} ${plural('fr', n.remindersSent, 'rappel', 'rappels')}. `,
        'Sans ce compte, cette personne ne peut pas rejoindre les groupes et les discussions de son équipe.',
      ),
      facts(
        ['Collaborateur', n.employeeName],
        ['Adresse professionnelle', n.employeeEmail],
        ['Date d’arrivée', format.day(n.startDate)],
      ),
      ...(n.claimLink === undefined
        ? [paragraph('Merci de lui rappeler de chercher l’invitation de Workplace dans sa boîte de réception.')]
        : [
            paragraph(
              'Merci de lui transférer ce lien d’activation (ne l’ouvrez pas vous-même\u00a0: il lui est personnel)\u00a0:',
            ),
            paragraph(link(n.claimLink)),
          ]),
      note(
        'Message envoyé automatiquement par Tenure pour le compte de votre service informatique. ' +
          'Les réponses à cette adresse ne sont pas lues.',
      ),
    ],
  }),
};
