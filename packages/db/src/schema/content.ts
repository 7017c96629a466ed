import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

export const companies = pgTable('companies', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    name: varchar('name', { length: 255 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('projects_company_id_idx').on(t.companyId)],
);

export const arContent = pgTable(
  'ar_content',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    uniqueId: uuid('unique_id').notNull().unique().defaultRandom(),
    title: varchar('title', { length: 255 }).notNull(),
    isActive: boolean('is_active').notNull().default(true),
    // Bytes taken by the image, the compiled marker and the videos: the source of storage_used_gb.
    storageBytes: bigint('storage_bytes', { mode: 'number' }).notNull().default(0),
    imageUrl: text('image_url'),
    markerUrl: text('marker_url'),
    videoUrl: text('video_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ar_content_company_id_idx').on(t.companyId),
    index('ar_content_project_id_idx').on(t.projectId),
    check('ar_content_storage_bytes_check', sql`${t.storageBytes} >= 0`),
  ],
);
