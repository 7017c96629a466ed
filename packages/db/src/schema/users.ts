import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { companies } from './content.js';

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    // Stored lower-cased, so that the unique index also holds case-insensitively.
    email: varchar('email', { length: 255 }).notNull().unique(),
    name: varchar('name', { length: 255 }).notNull(),
    // bcrypt, with its cost and salt inside the string.
    passwordHash: text('password_hash').notNull(),
    role: varchar('role', { length: 16, enum: ['admin', 'member'] }).notNull(),
    companyId: integer('company_id').references(() => companies.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    index('users_company_id_idx').on(t.companyId),
    check('users_email_lowercase_check', sql`${t.email} = lower(${t.email})`),
    check(
      'users_role_check',
      sql`(${t.role} = 'admin' and ${t.companyId} is null) or (${t.role} = 'member' and ${t.companyId} is not null)`,
    ),
  ],
);

export const userSessions = pgTable(
  'user_sessions',
  {
    // sha256 of the cookie's token in hex: a leaked table does not leak usable sessions.
    id: char('id', { length: 64 }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('user_sessions_user_id_idx').on(t.userId)],
);
