import { arContent, type Database } from '@arv/db';
import { eq } from 'drizzle-orm';

export type ViewerContentRow = NonNullable<Awaited<ReturnType<typeof getViewerContent>>>;

/** What the AR viewer needs to show one content item: its title and the URLs of its assets. */
export async function getViewerContent(db: Database, uniqueId: string) {
  const [row] = await db
    .select({
      uniqueId: arContent.uniqueId,
      title: arContent.title,
      isActive: arContent.isActive,
      imageUrl: arContent.imageUrl,
      markerUrl: arContent.markerUrl,
      videoUrl: arContent.videoUrl,
    })
    .from(arContent)
    .where(eq(arContent.uniqueId, uniqueId));
  return row;
}
