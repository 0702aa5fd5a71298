import { note, paragraph, strong } from '../document';
import type { LeaveNoticeNotification } from '../notification';
import type { LocalizedTemplates } from './template';

/** To the manager, before their report's account is deactivated: when (in the report's time zone) and why. */
export const leaveNoticeTemplates: LocalizedTemplates<LeaveNoticeNotification> = {
  en: (n, format) => ({
    subject: `${n.employeeName}’s Workplace account will be deactivated`,
    blocks: [
      paragraph(n.managerName === undefined ? 'Hello,' : `Hello ${n.managerName},`),
      paragraph(
        'The Workplace account of ',
        strong(n.employeeName),
        ' will be deactivated on ',
        strong(format.instant(n.deactivateAt, n.timeZone)),
        '.',
      ),
      paragraph(
        n.reason === 'leave-date'
          ? 'That is the end of their last day: the leave date recorded in the HR system.'
          : 'An early leave was recorded in the HR system, ahead of their planned leave date.',
      ),
      paragraph(
        'From then on they can no longer sign in and colleagues can no longer message them; their posts and ' +
          'files stay. If anything they own needs a new owner, please arrange the handover before then.',
      ),
      note('Sent automatically by Tenure on behalf of your IT team. Replies to this address are not read.'),
    ],
  }),
  fr: (n, format) => ({
    subject: `Le compte Workplace de ${n.employeeName} va être désactivé`,
    blocks: [
      paragraph(n.managerName === undefined ? 'Bonjour,' : `Bonjour ${n.managerName},`),
      paragraph(
        'Le compte Workplace de ',
        strong(n.employeeName),
        ' sera désactivé le ',
        strong(format.instant(n.deactivateAt, n.timeZone)),
        '.',
      ),
      paragraph(
        n.reason === 'leave-date'
          ? 'C’est la fin de son dernier jour\u00a0: la date de départ enregistrée dans le système RH.'
          : 'Un départ anticipé a été enregistré dans le système RH, avant la date de départ prévue.',
      ),
      paragraph(
        'Dès lors, cette personne ne pourra plus se connecter et ses collègues ne pourront plus lui écrire\u00a0; ' +
          'ses publications et ses fichiers restent. Si certains éléments doivent changer de propriétaire, ' +
          'merci d’organiser la passation avant cette date.',
      ),
      note(
        'Message envoyé automatiquement par Tenure pour le compte de votre service informatique. ' +
          'Les réponses à cette adresse ne sont pas lues.',
      ),
    ],
  }),
};
