import { useState } from 'react';
import type { ScopePath } from '../trpc';

type Content = NonNullable<ScopePath['content']>;

/** The address visitors open on their phones, to test the content or to print as a QR code. */
export function ViewerLink({ content }: { content: Content }) {
  const url = new URL(content.viewerPath, window.location.origin).href;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Refused (no permission, or the page lost focus): the link is still there to select by hand.
    }
  };
  return (
    <section className="panel viewer-link" aria-label="AR viewer link">
      <div>
        <span className="card-label">AR viewer link</span>
        {!content.isActive && <span className="badge">inactive: the viewer will not show it</span>}
        <p>
          <a href={url} target="_blank" rel="noreferrer" data-testid="viewer-link">
            {url}
          </a>
        </p>
      </div>
      {'clipboard' in navigator && (
        <button type="button" className="button button-small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
      )}
    </section>
  );
}
