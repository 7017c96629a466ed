import type { SessionCookies } from '@arv/api-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';

const sessionCookieName = 'arv_session';

// httpOnly: page scripts never see the token. Lax: other sites' forms and fetches do not carry it, so they
// cannot act as the signed-in user. 'auto': Secure whenever the request came over https.
const attributes = { httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' } as const;

/** Cookies are parsed here only, when a request has any: tracking calls from phones have none. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  return header ? req.server.parseCookie(header)[sessionCookieName] || undefined : undefined;
}

export function sessionCookiesOf(reply: FastifyReply): SessionCookies {
  return {
    setSession(token, expires) {
      const maxAge = Math.round((expires.getTime() - Date.now()) / 1000);
      reply.setCookie(sessionCookieName, token, { ...attributes, expires, maxAge });
    },
    clearSession() {
      reply.clearCookie(sessionCookieName, attributes);
    },
  };
}
