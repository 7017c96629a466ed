import type { Database } from '@arv/db';
import { LRUCache } from 'lru-cache';
import { type ResolvedContent, resolveContent } from '../queries/resolveContent.js';

export type ContentKey = { uniqueId: string } | { id: number };

/**
 * Content lookups for tracking, cached: every scan of a print names its content, and content changes
 * rarely. Only active content is cached, so random ids cannot fill the memory. The stored row is still
 * checked against ar_content when it is written, so a stale active entry refuses nothing it should take;
 * a cached inactive entry would refuse starts of content activated a moment ago, until the NOTIFY that
 * clears the cache arrives.
 */
export function createContentDirectory(db: Database, maxEntries = 10_000) {
  const cache = new LRUCache<string, NonNullable<ResolvedContent>>({ max: maxEntries });
  const keyOf = (key: ContentKey) => ('uniqueId' in key ? `u:${key.uniqueId}` : `i:${key.id}`);
  return {
    async find(key: ContentKey): Promise<ResolvedContent> {
      const cached = cache.get(keyOf(key));
      if (cached) return cached;
      const found = await resolveContent(db, key);
      if (found?.isActive) {
        cache.set(keyOf({ id: found.id }), found);
        cache.set(keyOf({ uniqueId: found.uniqueId }), found);
      }
      return found;
    },
    /** Forgets everything: called when ar_content changed. */
    clear: () => cache.clear(),
  };
}
