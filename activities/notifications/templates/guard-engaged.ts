import { code, facts, note, paragraph, strong } from '../document';
import type { GuardEngagedNotification } from '../notification';
import type { LocalizedTemplates } from './template';

/**
 * To the operators, once per engagement: the blast-radius brake is holding destructive actions
 * past its limit; nothing more is deactivated, deleted or scrubbed (HR's immediate leaves
 * excepted) until they release or reject the held ones.
 */
export const guardEngagedTemplates: LocalizedTemplates<GuardEngagedNotification> = {
  en: (n) => ({
    subject: 'Tenure is holding deactivations: the guard’s limit was reached',
    blocks: [
      paragraph('Hello,'),
      paragraph(
        'More destructive actions (deactivations, deletions, scrubs) became due than the guard allows. ',
        strong('Tenure holds every further one'),
        ' until you release or reject them — a security termination asked by HR still goes through.',
      ),
      facts(
        ['First held', `${n.action} of employee ${n.employeeId}`],
        ['Limits', `${n.perHour} per hour, ${n.perDay} per day`],
      ),
      paragraph('See what is held, and decide:'),
      code(`GET ${n.queueUrl}`),
      code(`POST ${n.queueUrl}  {"decision":"release"|"reject", "all":true | "employeeIds":[…]}`),
      note('Sent automatically by Tenure, once each time the guard starts holding. Replies are not read.'),
    ],
  }),
  fr: (n) => ({
    subject: 'Tenure retient des désactivations\u00a0: la limite du garde-fou est atteinte',
    blocks: [
      paragraph('Bonjour,'),
      paragraph(
        'Plus d’actions destructrices (désactivations, suppressions, effacements) sont arrivées à échéance que le ' +
          'garde-fou ne l’autorise. ',
        strong('Tenure retient toutes les suivantes'),
        ' jusqu’à ce que vous les libériez ou les rejetiez — un départ immédiat demandé par les RH passe toujours.',
      ),
      facts(
        ['Première retenue', `${n.action} de l’employé ${n.employeeId}`],
        ['Limites', `${n.perHour} par heure, ${n.perDay} par jour`],
      ),
      paragraph('Voir ce qui est retenu, et décider\u00a0:'),
      code(`GET ${n.queueUrl}`),
      code(`POST ${n.queueUrl}  {"decision":"release"|"reject", "all":true | "employeeIds":[…]}`),
      note('Message envoyé automatiquement par Tenure, une fois à chaque retenue. Les réponses ne sont pas lues.'),
    ],
  }),
};
