import type { VisitorFacts } from '@arv/api-contract';
import { truncateAddress } from '@arv/api-contract';
import { sessionFieldLimits } from '@arv/db';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';
import type { Env } from './env.js';

export type VisitorFactsOptions = Partial<
  Pick<Env, 'TRUST_PROXY' | 'IP_ADDRESS_STORAGE' | 'GEO_COUNTRY_HEADER' | 'GEO_CITY_HEADER'>
>;

function trustedPeer(trustProxy: Env['TRUST_PROXY'] | undefined): (address: string) => boolean {
  if (trustProxy === true) return () => true;
  if (!trustProxy || trustProxy.length === 0) return () => false;
  const trust = proxyAddr.compile(trustProxy);
  return (address) => trust(address, 0);
}

/** A header's value as stored text: proxies may percent-encode city names; NUL is never stored. */
function headerText(req: FastifyRequest, name: string | undefined, max: number): string | null {
  const raw = name ? req.headers[name] : undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // Not percent-encoded after all: keep it as sent.
  }
  return text.replaceAll('\u0000', '').trim().slice(0, max) || null;
}

/**
 * What is stored about where a visitor is: the address truncated (or nothing, by configuration), and
 * country and city only from the configured headers of a proxy the server trusts, never from the client.
 */
export function visitorFactsOf(options: VisitorFactsOptions) {
  const isTrusted = trustedPeer(options.TRUST_PROXY);
  return (req: FastifyRequest): VisitorFacts => {
    const viaTrustedProxy = isTrusted(req.socket.remoteAddress ?? '');
    return {
      ipAddress: options.IP_ADDRESS_STORAGE === 'drop' ? null : truncateAddress(req.ip),
      country: viaTrustedProxy
        ? headerText(req, options.GEO_COUNTRY_HEADER, sessionFieldLimits.country)
        : null,
      city: viaTrustedProxy ? headerText(req, options.GEO_CITY_HEADER, sessionFieldLimits.city) : null,
    };
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    visitorFacts: (req: FastifyRequest) => VisitorFacts;
  }
}
