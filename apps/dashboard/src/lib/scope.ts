import type { Scope } from '../trpc';

export type ScopeKind = Scope['kind'];

export function scopePath(scope: Scope): string {
  return scope.kind === 'all' ? '/' : `/${scope.kind}/${scope.id}`;
}

/** A positive integer id from a route parameter, or null for anything else. */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}

export function scopeSlug(scope: Scope): string {
  return scope.kind === 'all' ? 'all' : `${scope.kind}-${scope.id}`;
}
