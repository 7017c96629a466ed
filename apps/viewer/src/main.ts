import './style.css';
import type { FailureReason, ViewerContent } from '@arv/api-contract';
import { api, isNotFound } from './api.js';
import { describeDevice } from './device.js';
import {
  offerUnmute,
  setState,
  showFailure,
  showProgress,
  showTitle,
  showUnavailable,
  showUnreachable,
} from './screens.js';
import { loadTarget, missingSupport, probeCamera } from './support.js';
import { browserEnvironment, createTracker, endOnPageHide, type Tracker } from './tracking.js';

const uniqueIdPattern = /\/ar\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

class ViewerFailure extends Error {
  constructor(readonly reason: FailureReason) {
    super(reason);
  }
}

function createVideo(content: ViewerContent) {
  const video = document.createElement('video');
  video.src = content.videoUrl;
  if (content.posterUrl) video.poster = content.posterUrl;
  video.muted = true;
  video.loop = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.crossOrigin = 'anonymous';
  video.id = 'content-video';
  // In the page (but not seen: three.js draws it over the print) so that browsers treat it as a page's video.
  video.className = 'content-video';
  document.body.append(video);
  return video;
}

/** The video's shape is needed to size the plane; a video that fails to load leaves the default shape. */
function videoReady(video: HTMLVideoElement) {
  return new Promise<void>((resolve) => {
    if (video.readyState >= HTMLMediaElement.HAVE_METADATA) return resolve();
    video.addEventListener('loadedmetadata', () => resolve(), { once: true });
    video.addEventListener('error', () => resolve(), { once: true });
  });
}

/** Loads the engine, the target and the camera side by side, each failure told apart. */
async function prepare(content: ViewerContent) {
  let engineDone = 0;
  let targetDone = 0;
  const report = () =>
    showProgress(
      0.1 + 0.6 * engineDone + 0.3 * targetDone,
      engineDone < 1 ? 'Loading the AR engine…' : 'Loading the picture…',
    );
  report();
  const engine = import('./ar.js').then((module) => {
    engineDone = 1;
    report();
    return module;
  });
  const target = loadTarget(content.targetUrl, (fraction) => {
    targetDone = fraction;
    report();
  }).catch(() => {
    throw new ViewerFailure('target_load_failed');
  });
  const camera = probeCamera();
  // Failures are checked in the order a visitor can act on them: the camera first.
  const cameraFailure = await camera;
  if (cameraFailure) throw new ViewerFailure(cameraFailure);
  const [module, targetSrc] = await Promise.all([
    engine.catch(() => {
      throw new ViewerFailure('ar_start_failed');
    }),
    target,
  ]);
  return { startAr: module.startAr, targetSrc };
}

async function runAr(content: ViewerContent, tracker: Tracker) {
  const unsupported = missingSupport();
  if (unsupported) throw new ViewerFailure(unsupported);
  const video = createVideo(content);
  const { startAr, targetSrc } = await prepare(content);
  showProgress(1, 'Starting the camera…');
  await videoReady(video);
  offerUnmute(video);
  video.addEventListener('playing', () => tracker.videoPlaying());
  video.addEventListener('pause', () => tracker.videoPaused());
  await startAr({
    container: document.getElementById('ar') as HTMLElement,
    targetSrc,
    video,
    onFound: () => {
      tracker.targetFound();
      setState('found');
      void video.play().catch(() => undefined);
    },
    onLost: () => {
      tracker.targetLost();
      setState('scanning');
      video.pause();
    },
  }).catch(() => {
    throw new ViewerFailure('ar_start_failed');
  });
  tracker.arReady();
  setState('scanning');
}

async function main() {
  const uniqueId = uniqueIdPattern.exec(window.location.pathname)?.[1];
  if (!uniqueId) return showUnavailable();
  let content: ViewerContent;
  try {
    content = await api.viewer.content.query({ uniqueId });
  } catch (error) {
    return isNotFound(error) ? showUnavailable() : showUnreachable();
  }
  showTitle(content.title);
  const tracker = createTracker({
    uniqueId,
    env: browserEnvironment(),
    device: describeDevice(navigator.userAgent),
    api: {
      start: (input) => api.tracking.start.mutate(input),
      update: (input) => api.tracking.update.mutate(input),
    },
  });
  // Shown in the page so that a support request (or a test) can name the visit.
  document.body.dataset.sessionId = tracker.sessionId;
  void tracker.start();
  endOnPageHide(tracker, window, document);
  try {
    await runAr(content, tracker);
  } catch (error) {
    const reason = error instanceof ViewerFailure ? error.reason : 'ar_start_failed';
    showFailure(reason);
    void tracker.fail(reason);
  }
}

void main();
