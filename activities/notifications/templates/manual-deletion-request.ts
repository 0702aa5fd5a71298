import { code, facts, note, paragraph, steps, strong } from '../document';
import type { ManualDeletionRequestNotification } from '../notification';
import type { LocalizedTemplates } from './template';

/** To the operators: a claimed account that the API cannot delete must be deleted by hand, then confirmed. */
export const manualDeletionRequestTemplates: LocalizedTemplates<ManualDeletionRequestNotification> = {
  en: (n) => ({
    subject: `Action needed: delete Workplace user ${n.workplaceUserId} in the Admin Panel`,
    blocks: [
      paragraph('Hello,'),
      paragraph(
        'The Workplace account of ',
        strong(n.employeeName ?? `employee ${n.employeeId}`),
        ' has reached the end of its retention period. The account was claimed, and Workplace does not ' +
          'allow a claimed account to be deleted through its API, so Tenure has deactivated it and scrubbed ' +
          'its profile.',
      ),
      facts(['Workplace user id', n.workplaceUserId], ['Employee id', n.employeeId]),
      steps(
        [
          'Delete Workplace user ',
          strong(n.workplaceUserId),
          ` (employee ${n.employeeId}) in the Workplace Admin Panel.`,
        ],
        ['Then confirm the deletion to Tenure:'],
      ),
      code(`POST ${n.confirmUrl}`),
      paragraph('Until the deletion is confirmed, the employee stays in the stage AwaitingManualDeletion.'),
      note('Sent automatically by Tenure. Replies to this address are not read.'),
    ],
  }),
  fr: (n) => ({
    subject: `Action requise\u00a0: supprimer l’utilisateur Workplace ${n.workplaceUserId} dans le panneau d’administration`,
    blocks: [
      paragraph('Bonjour,'),
      paragraph(
        'Le compte Workplace de ',
        strong(n.employeeName ?? `l’employé ${n.employeeId}`),
        ' a atteint la fin de sa durée de conservation. Ce compte a été activé, et Workplace ne permet pas ' +
          'de supprimer un compte activé par son API\u00a0: Tenure l’a donc désactivé et a effacé son profil.',
      ),
      facts(['Identifiant Workplace', n.workplaceUserId], ['Identifiant employé', n.employeeId]),
      steps(
        [
          'Supprimez l’utilisateur Workplace ',
          strong(n.workplaceUserId),
          ` (employé ${n.employeeId}) dans le panneau d’administration de Workplace.`,
        ],
        ['Puis confirmez la suppression à Tenure\u00a0:'],
      ),
      code(`POST ${n.confirmUrl}`),
      paragraph('Tant que la suppression n’est pas confirmée, l’employé reste à l’étape AwaitingManualDeletion.'),
      note('Message envoyé automatiquement par Tenure. Les réponses à cette adresse ne sont pas lues.'),
    ],
  }),
};
