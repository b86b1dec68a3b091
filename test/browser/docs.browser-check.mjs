// Browser check of the API documentation (npm run test:browser, run by .ci/run): starts the built
// API on 127.0.0.1, opens Swagger UI and ReDoc in headless Chromium with every request to another
// host refused (as on a machine without internet), checks that the operations are listed and saves
// screenshots under test/artifacts/. Needs Debian's chromium at /usr/bin/chromium and `npm run build`.
// Database: a throwaway database on the server named by DATABASE_URL (dropped afterwards), or the
// embedded default when DATABASE_URL is unset.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { withClient } from '../utils/global-setup.js';
import { chromium } from 'playwright-core';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const TIMEOUT_MS = 20_000;

async function main() {
  const database = await createThrowawayDatabase();
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.CACHE_KEY_PREFIX = `mra-browser-${randomBytes(3).toString('hex')}`;
  const { createApiApp } = await import('../../dist/apps/api/src/create-api-app.js');
  const { DatabaseLocation } = await import('../../dist/libs/core/src/index.js');
  const app = await createApiApp({ logger: ['error', 'warn'] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const failures = [];
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    mkdirSync(ARTIFACTS, { recursive: true });
    const pages = [
      {
        name: 'swagger-ui',
        url: `${base}/api/docs/swagger/`,
        expect: ['/api/health', 'getHealth', 'Authorize'],
        then: checkTokenIsKept,
      },
      { name: 'swagger-ui-no-slash', url: `${base}/api/docs/swagger`, expect: ['/api/health', 'getHealth'] },
      { name: 'redoc', url: `${base}/api/docs/redoc/`, expect: ['/api/health', 'The state of the database'] },
    ];
    for (const spec of pages) {
      const problems = await checkPage(browser, spec);
      console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${spec.url} -> test/artifacts/${spec.name}.png`);
      failures.push(...problems.map((problem) => `${spec.url}: ${problem}`));
    }
  } finally {
    await browser.close();
    await app.close();
    await app.get(DatabaseLocation).stop();
    await database?.drop();
  }
  if (failures.length > 0) {
    console.error(
      `\nThe documentation pages failed the browser check (network limited to 127.0.0.1):\n- ${failures.join('\n- ')}`,
    );
    process.exit(1);
  }
}

/** Opens one page with the network cut off from everything but the API; returns what went wrong. */
async function checkPage(browser, { name, url, expect, then }) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  await page.route('**', (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === '127.0.0.1') return route.continue();
    problems.push(`tried to reach ${target.origin} (${target.pathname})`);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    for (const text of expect) {
      await page.getByText(text).filter({ visible: true }).first().waitFor({ timeout: TIMEOUT_MS });
    }
    await then?.(page, problems);
  } catch (error) {
    problems.push(error instanceof Error ? error.message.split('\n')[0] : String(error));
  } finally {
    await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: false });
    await page.close();
  }
  return problems;
}

/** Swagger UI keeps the bearer token (persistAuthorization): authorize, reload, still authorized. */
async function checkTokenIsKept(page, problems) {
  const token = 'browser-check-token';
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  await page.locator('.modal-ux input').first().fill(token);
  await page.locator('.modal-ux button.authorize').click();
  await page.locator('.modal-ux button.btn-done').click();
  await page.reload({ waitUntil: 'load' });
  await page.getByText('getHealth').first().waitFor({ timeout: TIMEOUT_MS });
  const kept = await page.evaluate(() => globalThis.localStorage.getItem('authorized') ?? '');
  if (!kept.includes(token))
    problems.push(`the bearer token was not kept across a reload (${kept || 'nothing stored'})`);
}

async function createThrowawayDatabase() {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return null;
  const name = `mra_browser_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const run = (sql) => withClient(adminUrl, (client) => client.query(sql));
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return { drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
