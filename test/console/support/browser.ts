import * as fs from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (which downloads no browser of its own). `.ci/run`
 * installs it when it is missing; elsewhere set CHROMIUM_PATH.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && fs.existsSync(p));
  if (!found) {
    throw new Error(
      'The console tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)',
    );
  }
  return found;
}

/** Headless, without the background traffic Chromium would send to hosts a test cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface Viewer {
  /** The browser's language (Accept-Language, navigator.languages). */
  locale?: string;
  /** The browser's time zone. */
  timezoneId?: string;
  /** Cookies and storage to start with (a session signed in before), instead of none. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>;
}

/** A fresh browser profile (no cookies, no storage unless given), as a new viewer would come. */
export async function newViewer(browser: Browser, viewer: Viewer = {}): Promise<BrowserContext> {
  return browser.newContext({
    storageState: viewer.storageState,
    locale: viewer.locale ?? 'en-GB',
    timezoneId: viewer.timezoneId ?? 'Europe/Berlin',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
}

/** Fails the test on any error the page's own code throws. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
