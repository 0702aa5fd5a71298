import { facts, note, paragraph, strong } from '../document';
import type { DeletionRequestRetractionNotification } from '../notification';
import type { LocalizedTemplates } from './template';

/**
 * To the operators: an earlier request to delete an account by hand no longer stands (the person
 * was rehired, or a legal hold now protects the account). Deleting it now would be wrong.
 */
export const deletionRequestRetractionTemplates: LocalizedTemplates<DeletionRequestRetractionNotification> = {
  en: (n) => ({
    subject: `Do NOT delete Workplace user ${n.workplaceUserId}: the deletion request is withdrawn`,
    blocks: [
      paragraph('Hello,'),
      paragraph(
        'Tenure earlier asked you to delete Workplace user ',
        strong(n.workplaceUserId),
        ` (employee ${n.employeeId}) in the Admin Panel. `,
        strong('That request is withdrawn: do not delete the account.'),
      ),
      facts(
        ['Workplace user id', n.workplaceUserId],
        ['Employee id', n.employeeId],
        ['Why', n.reason === 'rehired' ? 'The employee was rehired on this account.' : 'A legal hold was placed.'],
      ),
      paragraph(
        'If the account was already deleted, tell the people who manage employee records: ' +
          (n.reason === 'rehired' ? 'Tenure will then create a new account.' : 'the hold concerns data already gone.'),
      ),
      note('Sent automatically by Tenure. Replies to this address are not read.'),
    ],
  }),
  fr: (n) => ({
    subject: `Ne PAS supprimer l’utilisateur Workplace ${n.workplaceUserId}\u00a0: la demande de suppression est retirée`,
    blocks: [
      paragraph('Bonjour,'),
      paragraph(
        'Tenure vous avait demandé de supprimer l’utilisateur Workplace ',
        strong(n.workplaceUserId),
        ` (employé ${n.employeeId}) dans le panneau d’administration. `,
        strong('Cette demande est retirée\u00a0: ne supprimez pas le compte.'),
      ),
      facts(
        ['Identifiant Workplace', n.workplaceUserId],
        ['Identifiant employé', n.employeeId],
        [
          'Motif',
          n.reason === 'rehired'
            ? 'L’employé a été réembauché sur ce compte.'
            : 'Une conservation légale a été placée.',
        ],
      ),
      paragraph(
        'Si le compte a déjà été supprimé, prévenez les responsables des dossiers du personnel\u00a0: ' +
          (n.reason === 'rehired'
            ? 'Tenure créera alors un nouveau compte.'
            : 'la conservation concerne des données déjà effacées.'),
      ),
      note('Message envoyé automatiquement par Tenure. Les réponses à cette adresse ne sont pas lues.'),
    ],
  }),
};
