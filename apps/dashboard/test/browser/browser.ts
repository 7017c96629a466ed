import { copyFile, mkdir } from 'node:fs/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from './server.js';

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 375, height: 812 };

const artifacts = `${repoRoot}test-artifacts/dashboard/`;
const committed = `${repoRoot}docs/screenshots/`;

/** Debian's Chromium, as the CI machine installs it (scripts/ensure-chromium.sh). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Everything the page writes to the console as an error, and every uncaught exception. A test that
 * provokes a failing request on purpose names it with `expectFailedRequest`; anything else is a fault.
 */
export class ConsoleWatch {
  private errors: string[] = [];
  private expected: string[] = [];

  constructor(context: BrowserContext) {
    context.on('console', (message) => {
      if (message.type() !== 'error') return;
      const url = message.location().url;
      const isExpected =
        message.text().startsWith('Failed to load resource') &&
        this.expected.some((part) => url.includes(part));
      if (!isExpected) this.errors.push(`${message.text()} (${url})`);
    });
    context.on('weberror', (error) => this.errors.push(`uncaught: ${error.error().message}`));
  }

  /** A request to a URL containing `part` is meant to fail during the current test. */
  expectFailedRequest(part: string) {
    this.expected.push(part);
  }

  /** The unexpected errors since the last call; the expectations end with it. */
  take(): string[] {
    const errors = this.errors;
    this.errors = [];
    this.expected = [];
    return errors;
  }
}

/**
 * Waits until no panel is loading or refreshing and no skeleton is left. React Router renders a new
 * address in a transition, after the URL has changed: two frames give it the time to commit first.
 */
export async function settled(page: Page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(
    () => !document.querySelector('[aria-busy="true"], .skeleton, .skeleton-text, .page-loading'),
    undefined,
    { timeout: 20_000 },
  );
}

/**
 * A full-page screenshot under test-artifacts/dashboard/; with ARV_UPDATE_SCREENSHOTS=1 it also replaces
 * the committed copy in docs/screenshots/ that the README shows.
 */
export async function screenshot(page: Page, name: string) {
  await mkdir(artifacts, { recursive: true });
  // No chart tooltip left open under the last click.
  await page.mouse.move(0, 0);
  const file = `${artifacts}${name}.png`;
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (process.env.ARV_UPDATE_SCREENSHOTS === '1') {
    await mkdir(committed, { recursive: true });
    await copyFile(file, `${committed}${name}.png`);
  }
}

/** Desktop and phone screenshots of the page as it is, returning to the desktop size. */
export async function screenshotBoth(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(phone);
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(desktop);
  return { phoneOverflowPx: overflow };
}
