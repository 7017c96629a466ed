import { sessionFieldLimits } from '@arv/db';
import Bowser from 'bowser';
import { isbot } from 'isbot';

const clip = (value: string | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * Device type, browser and OS read from a User-Agent, for clients that do not send them (the legacy
 * mobile app, beacons, plain HTTP clients). Unknown parts stay null rather than guessed.
 */
export function describeUserAgent(userAgent: string | null | undefined) {
  if (!userAgent) return { deviceType: null, browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  return {
    deviceType: clip(parsed.platform.type, sessionFieldLimits.deviceType),
    browser: clip(parsed.browser.name, sessionFieldLimits.browser),
    os: clip(parsed.os.name, sessionFieldLimits.os),
  };
}

/** Crawlers, link previewers, HTTP libraries and headless browsers: their visits are not views. */
export function isAutomated(...userAgents: (string | null | undefined)[]): boolean {
  return userAgents.some((userAgent) => userAgent !== null && userAgent !== undefined && isbot(userAgent));
}
