/**
 * Compiles a print's image into MindAR's `.mind` target, in Node. It lives beside the viewer because a
 * target must be compiled by the same MindAR version that tracks it.
 */
import { loadImage } from '@napi-rs/canvas';

export class UntrackableImageError extends Error {}

type CompiledTarget = {
  targetImage: { width: number; height: number };
  matchingData: { maximaPoints: unknown[]; minimaPoints: unknown[] }[];
  trackingData: { points: unknown[] }[];
};

interface OfflineCompiler {
  compileImageTargets(images: unknown[], onProgress: (percent: number) => void): Promise<CompiledTarget[]>;
  exportData(): Uint8Array;
}

// MindAR ships no types; the specifier is held in a variable so that the compiler resolves it at run time.
const compilerModule = 'mind-ar/src/image-target/offline-compiler.js';

// Below these counts MindAR finds the print too rarely to be worth publishing (a flat or blurry image).
const minMatchingPoints = 40;
const minTrackingPoints = 20;

export type CompiledTargetFile = { data: Uint8Array; width: number; height: number };

/**
 * Compiles one image (PNG, JPEG or WebP bytes). Throws UntrackableImageError when it is not an image or
 * has too little texture to be tracked.
 */
export async function compileTarget(
  image: Buffer,
  onProgress: (percent: number) => void = () => {},
): Promise<CompiledTargetFile> {
  let picture: Awaited<ReturnType<typeof loadImage>>;
  try {
    picture = await loadImage(image);
  } catch {
    throw new UntrackableImageError('the file is not an image MindAR can read (use PNG, JPEG or WebP)');
  }
  const { OfflineCompiler } = (await import(compilerModule)) as {
    OfflineCompiler: new () => OfflineCompiler;
  };
  const compiler = new OfflineCompiler();
  const [target] = await compiler.compileImageTargets([picture], onProgress);
  if (!target) throw new UntrackableImageError('MindAR compiled no target from the image');
  const matching = target.matchingData.reduce(
    (sum, scale) => sum + scale.maximaPoints.length + scale.minimaPoints.length,
    0,
  );
  const tracking = target.trackingData.reduce((sum, scale) => sum + scale.points.length, 0);
  if (matching < minMatchingPoints || tracking < minTrackingPoints) {
    throw new UntrackableImageError(
      `the image has too little texture to be tracked (${matching} matching and ${tracking} tracking features; ` +
        'use a picture with detail and contrast, not a flat or blurry one)',
    );
  }
  return { data: compiler.exportData(), width: picture.width, height: picture.height };
}
