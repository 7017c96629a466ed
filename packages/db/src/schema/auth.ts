import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { companies } from './content.js';

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: varchar('name', { length: 255 }).notNull(),
    // sha256 of the token in hex: a leaked table does not leak usable tokens.
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    scope: varchar('scope', { length: 16, enum: ['admin', 'company'] }).notNull(),
    companyId: integer('company_id').references(() => companies.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_tokens_company_id_idx').on(t.companyId),
    check(
      'api_tokens_scope_check',
      sql`(${t.scope} = 'admin' and ${t.companyId} is null) or (${t.scope} = 'company' and ${t.companyId} is not null)`,
    ),
  ],
);
