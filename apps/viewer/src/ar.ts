/**
 * The heavy part of the viewer (MindAR with TensorFlow.js, and three.js: about 450 KB gzipped), loaded
 * after the first screen is up.
 */
import { MindARThree } from 'mind-ar/dist/mindar-image-three.prod.js';
import { Mesh, MeshBasicMaterial, PlaneGeometry, SRGBColorSpace, VideoTexture } from 'three';

export type ArSession = { stop(): void };

/**
 * Starts the camera and tracking, with the video on a plane laid over the print: MindAR's anchor is one
 * unit wide across the print, so the plane is one unit wide and as tall as the video's shape says.
 */
export async function startAr(options: {
  container: HTMLElement;
  targetSrc: string;
  video: HTMLVideoElement;
  onFound: () => void;
  onLost: () => void;
}): Promise<ArSession> {
  const mindar = new MindARThree({
    container: options.container,
    imageTargetSrc: options.targetSrc,
    uiLoading: 'no',
    uiScanning: 'no',
    uiError: 'no',
    // Smoother than MindAR's defaults: a hand-held phone jitters, a video plane shows it.
    filterMinCF: 0.0001,
    filterBeta: 0.001,
  });
  const { video } = options;
  const texture = new VideoTexture(video);
  texture.colorSpace = SRGBColorSpace;
  const aspect = video.videoWidth > 0 ? video.videoHeight / video.videoWidth : 4 / 3;
  const plane = new Mesh(new PlaneGeometry(1, aspect), new MeshBasicMaterial({ map: texture }));
  const anchor = mindar.addAnchor(0);
  anchor.group.add(plane);
  anchor.onTargetFound = options.onFound;
  anchor.onTargetLost = options.onLost;
  await mindar.start();
  mindar.renderer.setAnimationLoop(() => mindar.renderer.render(mindar.scene, mindar.camera));
  return {
    stop() {
      mindar.renderer.setAnimationLoop(null);
      mindar.stop();
    },
  };
}
