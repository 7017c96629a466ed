import type { FailureReason } from '@arv/api-contract';

/** The page's states; tests and styles read them from `<body data-ar-state>`. */
export type ViewerState = 'loading' | 'scanning' | 'found' | 'failed' | 'unavailable';

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function setState(state: ViewerState) {
  document.body.dataset.arState = state;
  element('hint').hidden = state !== 'scanning';
}

export function showTitle(title: string) {
  element('title').textContent = title;
  document.title = `${title} · AR`;
}

/** The loading bar: `fraction` of the whole, with what is being done. */
export function showProgress(fraction: number, label: string) {
  const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  element('progress-bar').style.width = `${percent}%`;
  element('progress').setAttribute('aria-valuenow', String(percent));
  element('progress-label').textContent = label;
}

const failures: Record<FailureReason, { title: string; message: string; action?: string }> = {
  camera_denied: {
    title: 'Camera access is blocked',
    message:
      "This AR view needs your camera to find the picture. Allow the camera for this site in your browser's settings, then try again.",
    action: 'Try again',
  },
  no_camera: {
    title: 'No camera found',
    message:
      'This device has no camera this browser can use. Open the link on a phone or tablet with a camera.',
  },
  unsupported_browser: {
    title: 'This browser cannot show AR',
    message:
      'AR needs camera access over a secure (https) connection and WebGL. Open this page in an up-to-date Chrome, Safari or Firefox.',
  },
  target_load_failed: {
    title: 'The picture could not be loaded',
    message: 'The data that lets the camera recognize the picture did not download. Check your connection.',
    action: 'Try again',
  },
  ar_start_failed: {
    title: 'AR could not start',
    message: 'The camera or the AR engine failed to start on this device. Close other apps using the camera.',
    action: 'Try again',
  },
};

function showPanel(title: string, message: string, action?: string) {
  element('title').textContent = title;
  element('message').textContent = message;
  element('progress').hidden = true;
  element('progress-label').hidden = true;
  const button = element<HTMLButtonElement>('action');
  button.hidden = action === undefined;
  button.textContent = action ?? '';
  button.onclick = () => window.location.reload();
}

export function showFailure(reason: FailureReason) {
  const failure = failures[reason];
  setState('failed');
  document.body.dataset.failure = reason;
  showPanel(failure.title, failure.message, failure.action);
}

export function showUnavailable() {
  setState('unavailable');
  showPanel(
    'This AR content is not available',
    'The link may be mistyped, or the content was taken down by its owner.',
  );
}

export function showUnreachable() {
  setState('unavailable');
  showPanel(
    'The AR content could not be loaded',
    'The server did not answer. Check your connection.',
    'Try again',
  );
}

/** A muted video may start by itself; sound needs a tap. */
export function offerUnmute(video: HTMLVideoElement) {
  const button = element<HTMLButtonElement>('unmute');
  const refresh = () => {
    button.hidden = !video.muted || video.paused;
  };
  video.addEventListener('playing', refresh);
  video.addEventListener('pause', refresh);
  button.onclick = () => {
    video.muted = false;
    void video.play().catch(() => undefined);
    refresh();
  };
}
