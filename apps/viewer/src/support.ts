import type { FailureReason } from '@arv/api-contract';

/** Why AR cannot run at all in this browser, before anything is loaded; undefined when it can. */
export function missingSupport(): FailureReason | undefined {
  // mediaDevices is also absent on plain http (except localhost): browsers give cameras to secure pages only.
  if (!navigator.mediaDevices?.getUserMedia) return 'unsupported_browser';
  const canvas = document.createElement('canvas');
  if (!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))) return 'unsupported_browser';
  return undefined;
}

/** The failure a getUserMedia error stands for. */
export function cameraFailure(error: unknown): FailureReason {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return 'camera_denied';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return 'no_camera';
  }
  return 'ar_start_failed';
}

/**
 * Asks for the back camera once, so that a refusal or a missing camera is told apart (MindAR swallows the
 * reason); the stream is closed at once and MindAR opens its own, without a second prompt.
 */
export async function probeCamera(): Promise<FailureReason | undefined> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'environment' },
    });
    for (const track of stream.getTracks()) track.stop();
    return undefined;
  } catch (error) {
    return cameraFailure(error);
  }
}

/** Downloads the compiled target with its progress; MindAR then reads it from memory. */
export async function loadTarget(url: string, onProgress: (fraction: number) => void): Promise<string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`target ${url} answered ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total > 0) onProgress(Math.min(1, received / total));
  }
  return URL.createObjectURL(new Blob(chunks as BlobPart[]));
}
