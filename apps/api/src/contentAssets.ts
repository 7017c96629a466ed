import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { compileTarget } from '@arv/viewer/compiler';

/** What a content row stores about its assets; the URLs are served by /media/. */
export type StoredAssets = {
  imageUrl: string;
  markerUrl: string;
  videoUrl: string;
  storageBytes: number;
};

export class BadAssetError extends Error {}

const imageTypes: Record<string, string> = { '.png': 'png', '.jpg': 'jpg', '.jpeg': 'jpg', '.webp': 'webp' };

/** MP4/MOV (an `ftyp` box at byte 4) or WebM (the EBML magic number): what phones' browsers play. */
function videoExtension(bytes: Buffer) {
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (bytes.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  return undefined;
}

async function readAsset(path: string, what: string) {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new BadAssetError(`the ${what} file ${path} does not exist`);
  return readFile(path);
}

const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/**
 * Checks, compiles and stores one content item's image and video under MEDIA_DIR/content/<uniqueId>/,
 * each named by its content's hash (so /media/ may cache them forever). Either every file is in place or,
 * on any error, none is: the files are written to a scratch folder that is renamed into place at the end.
 */
export async function storeContentAssets(options: {
  mediaDir: string;
  uniqueId: string;
  imagePath: string;
  videoPath: string;
  onProgress?: (percent: number) => void;
}): Promise<StoredAssets> {
  const image = await readAsset(options.imagePath, 'image');
  const video = await readAsset(options.videoPath, 'video');
  const imageExt = imageTypes[extname(options.imagePath).toLowerCase()];
  if (!imageExt)
    throw new BadAssetError(`the image must be a .png, .jpg or .webp file, got ${options.imagePath}`);
  const videoExt = video.length >= 8 ? videoExtension(video) : undefined;
  if (!videoExt) throw new BadAssetError(`the video must be an MP4 or WebM file, got ${options.videoPath}`);
  const target = await compileTarget(image, options.onProgress).catch((error: unknown) => {
    throw new BadAssetError(
      `${options.imagePath}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  const files = {
    image: { name: `${hashOf(image)}.${imageExt}`, bytes: image },
    marker: { name: `${hashOf(target.data)}.mind`, bytes: target.data },
    video: { name: `${hashOf(video)}.${videoExt}`, bytes: video },
  };
  const folder = join('content', options.uniqueId);
  const finalDir = join(options.mediaDir, folder);
  const scratch = `${finalDir}.partial-${process.pid}`;
  try {
    await mkdir(scratch, { recursive: true });
    for (const file of Object.values(files)) await writeFile(join(scratch, file.name), file.bytes);
    await rm(finalDir, { recursive: true, force: true });
    await rename(scratch, finalDir);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  const url = (name: string) => `/media/${folder}/${name}`;
  return {
    imageUrl: url(files.image.name),
    markerUrl: url(files.marker.name),
    videoUrl: url(files.video.name),
    storageBytes: image.length + target.data.length + video.length,
  };
}

/**
 * The assets already stored for a content item from these very image and video files, if any: a compiled
 * target is reused rather than compiled again (the demo item, on a fresh database but a kept MEDIA_DIR).
 */
export async function findStoredAssets(options: {
  mediaDir: string;
  uniqueId: string;
  imagePath: string;
  videoPath: string;
}): Promise<StoredAssets | undefined> {
  const folder = join('content', options.uniqueId);
  const names = await readdir(join(options.mediaDir, folder)).catch(() => [] as string[]);
  const [image, video] = await Promise.all([readFile(options.imagePath), readFile(options.videoPath)]);
  const imageName = names.find((name) => name.startsWith(`${hashOf(image)}.`));
  const videoName = names.find((name) => name.startsWith(`${hashOf(video)}.`));
  const markerName = names.find((name) => name.endsWith('.mind'));
  if (!imageName || !videoName || !markerName) return undefined;
  const marker = await stat(join(options.mediaDir, folder, markerName));
  const url = (name: string) => `/media/${folder}/${name}`;
  return {
    imageUrl: url(imageName),
    markerUrl: url(markerName),
    videoUrl: url(videoName),
    storageBytes: image.length + marker.size + video.length,
  };
}

/** Removes a content item's stored assets (used to undo a half-done `content add`). */
export async function removeContentAssets(mediaDir: string, uniqueId: string) {
  await rm(join(mediaDir, 'content', uniqueId), { recursive: true, force: true });
}

/** Whether every asset a row points at is still in MEDIA_DIR (the folder may have been wiped). */
export async function assetsPresent(mediaDir: string, urls: (string | null)[]) {
  for (const url of urls) {
    if (!url?.startsWith('/media/')) return false;
    const info = await stat(join(mediaDir, url.slice('/media/'.length))).catch(() => undefined);
    if (!info?.isFile()) return false;
  }
  return true;
}
