import type { Database } from '../client.js';
import { arContent, companies, projects } from '../schema/content.js';
import { arViewSessions } from '../schema/sessions.js';
import { createRandom, type Random } from './random.js';
import { randomVisit } from './visitors.js';

export interface DemoOptions {
  companies: number;
  days: number;
  sessions: number;
  seed?: number;
  /** Called after each stored batch with the number of session rows written so far. */
  onProgress?: (written: number, total: number) => void;
}

const companyNames = [
  'Northwind Gallery',
  'Atelier Lumen',
  'Harbor Print Co.',
  'Museo Vivo',
  'Blue Fox Studio',
  'Kettle & Crane',
  'Polar Posters',
  'Civic Portraits',
  'Orchard Media',
  'Vantage Books',
];
const projectNames = [
  'Spring campaign',
  'Portrait wall',
  'Museum guide',
  'Trade fair',
  'Book covers',
  'City posters',
];
const contentNames = [
  'Founder portrait',
  'Hero poster',
  'Menu card',
  'Exhibit 12',
  'Gift card',
  'Window display',
  'Business card',
  'Album cover',
  'Flyer A5',
  'Map of the old town',
];

const batchSize = 1000;
const dayMs = 86_400_000;
// Share of visitors who go on to a second print of the same project in the same session.
const secondViewRate = 0.12;

type ContentRow = { id: number; companyId: number; projectId: number };

/** Creates companies, projects, content and `sessions` view rows spread over the last `days` days. */
export async function seedDemoData(db: Database, options: DemoOptions) {
  const random = createRandom(options.seed ?? Date.now());
  const content = await createCatalog(db, random, options.companies, options.days);
  const pickContent = popularity(random, content);
  const pickTime = timeOfView(random, options.days);

  let written = 0;
  let batch: (typeof arViewSessions.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insert(arViewSessions).values(batch);
    written += batch.length;
    batch = [];
    options.onProgress?.(written, options.sessions);
  };

  while (written + batch.length < options.sessions) {
    const item = pickContent();
    const createdAt = pickTime();
    const sessionId = random.uuid();
    batch.push(viewRow(random, item, sessionId, createdAt));
    const sibling = content.find((c) => c.projectId === item.projectId && c.id !== item.id);
    if (sibling && random.next() < secondViewRate && written + batch.length < options.sessions) {
      const later = new Date(Math.min(Date.now(), createdAt.getTime() + random.int(30, 600) * 1000));
      batch.push(viewRow(random, sibling, sessionId, later));
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return { companies: options.companies, content: content.length, sessions: written };
}

function viewRow(random: Random, item: ContentRow, sessionId: string, createdAt: Date) {
  return {
    arContentId: item.id,
    projectId: item.projectId,
    companyId: item.companyId,
    sessionId,
    createdAt,
    ...randomVisit(random),
  };
}

async function createCatalog(
  db: Database,
  random: Random,
  companyCount: number,
  days: number,
): Promise<ContentRow[]> {
  // The catalog predates its first view, as a real one does: figures "as of" a past day then count it.
  const createdAt = () => new Date(Date.now() - (days + random.int(1, 30)) * dayMs);
  const content: ContentRow[] = [];
  for (let c = 0; c < companyCount; c++) {
    const name = companyNames[c % companyNames.length] + (c >= companyNames.length ? ` ${c + 1}` : '');
    const [company] = await db
      .insert(companies)
      .values({ name, createdAt: createdAt() })
      .returning({ id: companies.id });
    if (!company) throw new Error('company was not stored');
    for (let p = 0, projectCount = random.int(2, 3); p < projectCount; p++) {
      const [project] = await db
        .insert(projects)
        .values({
          companyId: company.id,
          name: projectNames[(c + p) % projectNames.length] as string,
          createdAt: createdAt(),
        })
        .returning({ id: projects.id });
      if (!project) throw new Error('project was not stored');
      const rows = Array.from({ length: random.int(2, 4) }, (_, i) => ({
        companyId: company.id,
        projectId: project.id,
        title: contentNames[(c * 3 + p * 2 + i) % contentNames.length] as string,
        // The first item of each project stays active, so that examples naming it always track.
        isActive: i === 0 || random.next() > 0.1,
        storageBytes: random.int(3, 80) * 1_000_000 + random.int(0, 999_999),
        createdAt: createdAt(),
      }));
      content.push(
        ...(await db
          .insert(arContent)
          .values(rows)
          .returning({ id: arContent.id, companyId: arContent.companyId, projectId: arContent.projectId })),
      );
    }
  }
  return content;
}

/** A few prints draw most of the scans: each item gets a log-normal weight. */
function popularity(random: Random, content: ContentRow[]) {
  const weighted = content.map((item) => [item, Math.exp(1.2 * random.normal())] as const);
  return () => random.weighted(weighted);
}

/** Views grow over the period, peak on weekends and in the afternoon and evening. */
function timeOfView(random: Random, days: number) {
  const now = Date.now();
  const dayWeights = Array.from({ length: days }, (_, daysAgo) => {
    const weekday = new Date(now - daysAgo * dayMs).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 1.35 : 1;
    return [daysAgo, (1 + 0.6 * (1 - daysAgo / days)) * weekend] as const;
  });
  const hourWeights = Array.from(
    { length: 24 },
    (_, hour) => [hour, hour < 7 ? 0.2 : hour < 12 ? 0.8 : 1.4] as const,
  );
  return () => {
    const day = new Date(now - random.weighted(dayWeights) * dayMs);
    day.setUTCHours(random.weighted(hourWeights), random.int(0, 59), random.int(0, 59), random.int(0, 999));
    // A time later today than now moves to the day before, so that no view lies in the future.
    return day.getTime() > now ? new Date(day.getTime() - dayMs) : day;
  };
}
