import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { arContent, createDatabase, type Database, projects } from '@arv/db';
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { BadAssetError, removeContentAssets, storeContentAssets } from '../contentAssets.js';
import { loadEnv } from '../env.js';

const usage = `usage:
  npm run content -- add --project ID --title TITLE --image PRINT.jpg --video CLIP.mp4 [--base-url URL]

Copies the print and the video to MEDIA_DIR, compiles the print into a MindAR target, records the content
(with its storage bytes) and prints the viewer URL with a QR code to print beside the picture.`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

/** A one-line bar redrawn in place: MindAR reports its compile progress in percent. */
function progressBar(label: string) {
  const width = 30;
  return (percent: number) => {
    const filled = Math.round((Math.min(100, percent) / 100) * width);
    process.stdout.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(percent)}%`,
    );
    if (percent >= 100) process.stdout.write('\n');
  };
}

async function findProject(db: Database, id: number) {
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  if (!project)
    throw new BadAssetError(`there is no project with id ${id} (see the dashboard or the seed data)`);
  return project;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    project: { type: 'string' },
    title: { type: 'string' },
    image: { type: 'string' },
    video: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (positionals[0] !== 'add')
  fail(positionals[0] ? `unknown command "${positionals[0]}"` : 'no command given');
const projectId = Number(values.project);
if (!Number.isInteger(projectId) || projectId < 1)
  fail(`--project must be a project id, got "${values.project ?? ''}"`);
const title = values.title?.trim() ?? '';
if (title.length === 0 || title.length > 255) fail('--title must be 1 to 255 characters');
if (!values.image) fail('--image is required');
if (!values.video) fail('--video is required');

const env = loadEnv();
// npm runs scripts from the repository root; the files are named relative to where the command was typed.
const here = process.env.INIT_CWD ?? process.cwd();
const baseUrl = (values['base-url'] ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
const uniqueId = randomUUID();
const handle = createDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
let stored = false;
try {
  await handle.migrate();
  const project = await findProject(handle.db, projectId);
  const assets = await storeContentAssets({
    mediaDir: env.MEDIA_DIR,
    uniqueId,
    imagePath: resolve(here, values.image),
    videoPath: resolve(here, values.video),
    onProgress: progressBar('compiling the AR target'),
  });
  stored = true;
  const url = `${baseUrl}/ar/${uniqueId}`;
  const qrPath = resolve(env.MEDIA_DIR, 'content', uniqueId, 'qr.png');
  await QRCode.toFile(qrPath, url, { width: 600, margin: 2 });
  await handle.db.insert(arContent).values({
    ...assets,
    uniqueId,
    title,
    companyId: project.companyId,
    projectId: project.id,
  });
  console.log(await QRCode.toString(url, { type: 'terminal', small: true }));
  console.log(`added "${title}" to project ${project.id} (${project.name}): ${assets.storageBytes} bytes`);
  console.log(`  viewer URL  ${url}`);
  console.log(`  QR code     ${qrPath}`);
} catch (error) {
  if (stored) await removeContentAssets(env.MEDIA_DIR, uniqueId);
  console.error(`\nerror: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
