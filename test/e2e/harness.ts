/**
 * The browser-test harness: the real built server (`node dist/server.mjs`, as `npm start` runs
 * it) on a new embedded database with the demo, and Debian's Chromium driven by playwright-core.
 * It builds nothing when the builds exist (`npm ci` / `npm run build` made them); when dist/ or
 * admin-ui/dist is missing it builds them once.
 *
 *   const env = useConsole();                       // in a describe: server + browser for the file
 *   it('…', () => env.journey('name', async ({ page, shot }) => { … }, { allow: [/…/] }));
 *
 * A journey fails on any page error, console error or failed request (network failure or an
 * HTTP status ≥ 400) it does not `allow`, and saves screenshots under test/e2e/screenshots/.
 * Without /usr/bin/chromium the journeys are skipped with a visible note — under CI=true that
 * is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { repoRoot } from '../support/fixtures.js';
import { ensureBuilt, startBuiltServer } from '../support/built-server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.join(repoRoot, 'test/e2e/screenshots');

export const chromiumAvailable = existsSync(CHROMIUM);

/** `describe`, or a visible skip when Chromium is missing (a failure under CI=true). */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumAvailable) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`${CHROMIUM} is missing; CI must run the browser tests (.ci/run installs it).`);
    });
    return;
  }
  // The one skip in the tree, and its reason: a developer's machine without Debian's chromium
  // (`apt-get install -y chromium`) cannot run the journeys. It is said aloud here, and under
  // CI=true (above) the same situation is a failure, so CI never passes without them.
  console.warn(`\n  NOTE: ${CHROMIUM} is missing — the browser journeys "${name}" are SKIPPED.\n`);
  describe.skip(`${name} — skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`, fn);
}

export interface ConsoleServer {
  base: string;
  /** The passwords the server printed: the demo users' (`demo-admin`, `demo-caseworker`, …) and the platform administrator's (`admin`). */
  passwords: Record<string, string>;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `node dist/server.mjs` on a free port, a new DATA_DIR, DEMO=true, HOST=127.0.0.1 (and `env`). */
export async function startServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  await ensureBuilt({ console: true });
  const server = await startBuiltServer({ env: { CONSOLE_DIR: '', ...env } });
  const output = server.output();
  const passwords: Record<string, string> = {};
  for (const m of output.matchAll(/^\s+(demo-[\w-]+)\s+(\S+)\s{2,}/gm)) passwords[m[1]!] = m[2]!;
  const admin = /Platform administrator: admin \/ (\S+)/.exec(output)?.[1];
  if (admin) passwords.admin = admin;
  if (!passwords['demo-admin']) {
    await server.stop();
    throw new Error(`no demo passwords printed:\n${output}`);
  }
  return {
    base: server.base,
    passwords,
    output: server.output,
    async stop() {
      await server.stop();
    },
  };
}

/** The menu items, in order, as a list of their visible texts. */
export async function menuItems(page: Page): Promise<string[]> {
  const items = page.locator('.RaMenu-open a, .RaMenu-closed a');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/**
 * Chromium with a new, empty profile (playwright's launch() makes a fresh user-data dir each time),
 * as a Danish municipality's browser: LANGUAGE=da makes its own controls Danish — a date field
 * reads dd.mm.åååå — where Debian's chromium-l10n is installed (.ci/run installs it; without it
 * they stay American English, mm/dd/yyyy, and nothing else changes).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    env: { ...process.env, LANGUAGE: 'da' },
  });
}

export interface JourneyContext {
  page: Page;
  context: BrowserContext;
  server: ConsoleServer;
  /** Saves test/e2e/screenshots/<journey>-<name>.png. */
  shot(name: string): Promise<void>;
  /** Logs in through the login page (Brugernavn / Adgangskode / Log ind, or the English words). */
  login(username: string, password?: string): Promise<void>;
}

export interface JourneyOptions {
  /** Problems this journey expects (matched against "pageerror: …", "console: …", "request: <METHOD> <url> <status|failure>"). */
  allow?: RegExp[];
}

/** Before login the console asks GET /auth/me and gets 401: expected on every journey that starts logged out. */
export const LOGGED_OUT: RegExp[] = [
  /^request: GET \S+\/api\/v1\/auth\/me 401$/,
  /^console: Failed to load resource: the server responded with a status of 401/,
];

export interface ConsoleEnv {
  readonly server: ConsoleServer;
  journey(name: string, fn: (j: JourneyContext) => Promise<void>, options?: JourneyOptions): Promise<void>;
}

/**
 * Starts the server (with `env` added to its environment) and the browser for the test file
 * (beforeAll) and stops them (afterAll).
 */
export function useConsole(env: Record<string, string> = {}): ConsoleEnv {
  let server: ConsoleServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    async journey(name, fn, options = {}) {
      const context = await browser!.newContext({
        baseURL: server!.base,
        viewport: { width: 1280, height: 800 },
        // The charts (@mui/x-charts) animate in script, which shot()'s wait for CSS animations
        // cannot see; they respect prefers-reduced-motion, so a screenshot shows their bars at
        // their values, not on their way there.
        reducedMotion: 'reduce',
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server!.base });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('requestfailed', (r) => {
        const failure = r.failure()?.errorText ?? 'failed';
        // A navigation away cancels what was still loading; that is not a failure of the page.
        if (failure !== 'net::ERR_ABORTED') problems.push(`request: ${r.method()} ${r.url()} ${failure}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`request: ${r.request().method()} ${r.url()} ${r.status()}`);
      });
      let n = 0;
      const j: JourneyContext = {
        page,
        context,
        server: server!,
        async shot(shotName) {
          n += 1;
          // A full-page screenshot: the viewport is made as tall as the page, then what moved
          // on the resize — the menu's drawer, the app bar sliding back in (react-admin hides it
          // while scrolling down) — comes to rest before the picture is taken. (Playwright's own
          // fullPage resizes while it captures and caught the drawer mid-transition, drawn over
          // the menu.) From the top, so the fixed app bar is drawn in place. Endless animations
          // (a progress spinner) are not waited for.
          const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
          await page.evaluate('window.scrollTo(0, 0)');
          const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
          await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
          await page.waitForFunction(
            `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
            undefined,
            { timeout: 3000 },
          );
          await page.screenshot({
            path: path.join(SCREENSHOTS, `${name}-${String(n).padStart(2, '0')}-${shotName}.png`),
          });
          // Every screen the journeys show fits the window's width: a wide table scrolls inside
          // its card; the page itself never scrolls sideways (buttons at the right out of sight).
          const wide = (await page.evaluate(`(() => {
            const W = document.documentElement.clientWidth;
            const out = (e) => e.getBoundingClientRect().right > W + 1;
            const first = [...document.querySelectorAll('body *')].filter((e) => out(e) && !out(e.parentElement));
            return { width: document.documentElement.scrollWidth, culprits: first.slice(0, 3).map((e) =>
              e.tagName.toLowerCase() + '.' + String(e.className.baseVal ?? e.className).split(' ').slice(0, 3).join('.') +
              ' (' + Math.round(e.getBoundingClientRect().width) + ' px)') };
          })()`)) as { width: number; culprits: string[] };
          expect(
            wide.width,
            `${shotName}: the page is ${wide.width} px wide in a ${viewport.width} px window; it starts at ${wide.culprits.join(', ')}`,
          ).toBeLessThanOrEqual(viewport.width);
          // … and a list shows all its columns: its table does not scroll sideways either.
          const lists = (await page.evaluate(`[...document.querySelectorAll(
            '.RaDataTable-tableWrapper, .RaDatagrid-tableWrapper')].filter((w) => w.scrollWidth > w.clientWidth + 1)
            .map((w) => w.scrollWidth + ' px in ' + w.clientWidth + ' px: ' + [...w.querySelectorAll('thead th')]
              .map((th) => th.textContent.trim() + ' ' + Math.round(th.getBoundingClientRect().width)).join(', '))`)) as string[];
          expect(lists, `${shotName}: a list is wider than its card`).toEqual([]);
          await page.setViewportSize(viewport);
        },
        async login(username, password = server!.passwords[username]) {
          if (!password) throw new Error(`no password for ${username}`);
          await page.goto('/');
          await page.getByLabel(/^(Brugernavn|Username)/).fill(username);
          await page.getByLabel(/^(Adgangskode|Password)/).fill(password);
          await page.getByRole('button', { name: /^(Log ind|Sign in)$/ }).click();
          await page.getByRole('navigation').or(page.locator('.RaSidebar-fixed')).first().waitFor();
        },
      };
      try {
        await fn(j);
      } catch (err) {
        await j.shot('failure').catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
      const allow = options.allow ?? [];
      const unexpected = problems.filter((p) => !allow.some((re) => re.test(p)));
      if (unexpected.length)
        throw new Error(`unexpected problems in "${name}":\n  ${unexpected.join('\n  ')}`);
    },
  };
}
