/** Real Chromium (Debian's, never a downloaded one) driven by playwright-core, against an app on a local port. */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import type { Express } from 'express';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function listen(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** A context that fails the test if any dialog (alert, confirm, prompt) ever opens. */
export async function newVisitor(browser: Browser, options: { javaScript: boolean; width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScript,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    // Lets axe-core be injected despite the site's CSP; the site's own pages are unchanged.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return { context, page, dialogs };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  // A string, evaluated in the page: this project compiles without the DOM library.
  const violations = (await page.evaluate('axe.run(document).then((result) => result.violations)')) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** A forum served on a local port with a browser to read it; `close` ends all three. */
export interface BrowserForum {
  browser: Browser;
  base: string;
  close(): Promise<void>;
}

export async function serveInBrowser(forum: { app: Express; destroy(): Promise<void> }): Promise<BrowserForum> {
  const { server, url } = await listen(forum.app);
  const browser = await launchBrowser();
  return {
    browser,
    base: url,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await forum.destroy();
    },
  };
}

/** Signs in through the sign-in form, as a member would. */
export async function signInAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.fill('#field-username', username);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
}
