import { fileURLToPath } from 'node:url';
import { arContent, type Database, projects } from '@arv/db';
import { eq } from 'drizzle-orm';
import { assetsPresent, findStoredAssets, storeContentAssets } from './contentAssets.js';

/** A fixed id, so that the demo print's QR code and viewer URL stay the same from one start to the next. */
export const demoContentUniqueId = '0a7de4c0-0000-4000-8000-00000000d340';

const demoAssets = (name: string) => fileURLToPath(new URL(`../demo-assets/${name}`, import.meta.url));
export const demoTargetImage = demoAssets('demo-target.png');
const demoVideo = demoAssets('demo-video.mp4');

/**
 * One fully working AR content item for `npm start`: the committed demo print and video, its target
 * compiled by MindAR on first start (about 10 s) and kept in MEDIA_DIR afterwards.
 */
export async function prepareDemoContent(db: Database, mediaDir: string, log: (line: string) => void) {
  const [existing] = await db.select().from(arContent).where(eq(arContent.uniqueId, demoContentUniqueId));
  const ready =
    existing && (await assetsPresent(mediaDir, [existing.imageUrl, existing.markerUrl, existing.videoUrl]));
  if (ready) return { uniqueId: demoContentUniqueId, imagePath: demoTargetImage };

  const [project] = await db.select().from(projects).orderBy(projects.id).limit(1);
  if (!project) throw new Error('the database has no project for the demo AR content to belong to');
  const files = { mediaDir, uniqueId: demoContentUniqueId, imagePath: demoTargetImage, videoPath: demoVideo };
  let shown = -10;
  const assets =
    (await findStoredAssets(files)) ??
    (await storeContentAssets({
      ...files,
      onProgress: (percent) => {
        if (percent - shown < 10 && percent < 100) return;
        shown = percent;
        log(`compiling the demo AR target with MindAR: ${Math.floor(percent)}%`);
      },
    }));
  const values = { ...assets, title: 'ARV demo portrait', isActive: true };
  if (existing) {
    await db.update(arContent).set(values).where(eq(arContent.id, existing.id));
  } else {
    await db.insert(arContent).values({
      ...values,
      uniqueId: demoContentUniqueId,
      companyId: project.companyId,
      projectId: project.id,
    });
  }
  return { uniqueId: demoContentUniqueId, imagePath: demoTargetImage };
}
