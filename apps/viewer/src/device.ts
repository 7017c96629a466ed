/** Coarse device facts for a session, from the user agent (the legacy service stored the same). */
export function describeDevice(userAgent: string) {
  const tablet = /iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent);
  const mobile = !tablet && /Mobi|iPhone|Android/i.test(userAgent);
  const os = /iPhone|iPad|iPod/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : 'other';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /SamsungBrowser/.test(userAgent)
      ? 'Samsung Internet'
      : /Firefox|FxiOS/.test(userAgent)
        ? 'Firefox'
        : /Chrome|CriOS|Chromium/.test(userAgent)
          ? 'Chrome'
          : /Safari/.test(userAgent)
            ? 'Safari'
            : 'other';
  return {
    user_agent: userAgent.slice(0, 1024),
    device_type: tablet ? 'tablet' : mobile ? 'mobile' : 'desktop',
    browser,
    os,
  };
}
