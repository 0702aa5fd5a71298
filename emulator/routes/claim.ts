/** The claim link an employee opens in a browser: claims the account and answers a small page. */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ContextOptions } from '../context';
import type { StoredUser } from '../resource';
import type { ClaimOutcome } from '../store';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · Workplace emulator</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto;">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</body>
</html>
`;
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

const nameOf = (user: StoredUser) =>
  typeof user.attributes.displayName === 'string' ? user.attributes.displayName : String(user.attributes.userName);

/** Renders a claim outcome as the page the browser shows. */
export function claimPage(reply: FastifyReply, outcome: ClaimOutcome): FastifyReply {
  switch (outcome.result) {
    case 'claimed':
      return page(reply, 200, 'Account claimed', `Welcome to Workplace, ${nameOf(outcome.user)}.`);
    case 'alreadyClaimed':
      return page(reply, 200, 'Account already claimed', `${nameOf(outcome.user)} has already claimed this account.`);
    case 'inactive':
      return page(reply, 409, 'Account deactivated', 'This account has been deactivated and cannot be claimed.');
    case 'notInvited':
      return page(reply, 409, 'Not invited', 'This account has not been invited yet.');
    case 'notFound':
      return page(reply, 404, 'Link not valid', 'This claim link is not valid.');
  }
}

/** `GET /claim/:token`: no authentication, no faults — it is a link in an e-mail. */
export const claimRoutes: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.get('/claim/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    return claimPage(reply, ctx.store.claimByToken(token));
  });
};
