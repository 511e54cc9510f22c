// Shared set-up for the browser tests: one headless Debian Chromium (never a downloaded browser),
// a fresh context per test, and a record of console errors and of every request, so each test can
// assert that the page logged no error and asked no host but our own.

import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const BASE_URL = process.env.INNOMAP_URL ?? 'http://127.0.0.1:8080/';
export const SCREENSHOTS = process.env.INNOMAP_SCREENSHOTS ?? 'target/e2e-screenshots';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The bundled data file, as the app fetches it. */
export const bundledData = JSON.parse(readFileSync(path.join(ROOT, 'data', 'innocities.geojson'), 'utf8'));

/**
 * The partners of a project (a feature of the bundled data) that the map links to its lead with
 * an arc: those with a position of their own away from the lead's spot. A partner on the lead's
 * very spot (a university in its city) shares the lead's marker, so no arc can show it; the panel
 * lists it.
 */
export function partnersApart(project) {
  const spot = new Map(bundledData.features.filter((f) => f.geometry?.type === 'Point').map((f) => [f.id, f.geometry.coordinates.join()]));
  const lead = spot.get(project.properties.lead.place);
  return project.properties.partners
    .map((p) => p.place ?? p.organisation)
    .filter((id) => spot.has(id) && spot.get(id) !== lead);
}

const KIND_LABEL = { innocity: 'InnoCity', partner: 'Partner place', organisation: 'Organisation' };
const KIND_ORDER = ['innocity', 'partner', 'organisation'];

/** What the map should draw for the bundled data: places and organisations, InnoCities first. */
export const expectedMarkers = bundledData.features
  .filter((f) => f.properties.record === 'place' || f.properties.record === 'organisation')
  .map((f) => {
    const kind = f.properties.record === 'organisation' ? 'organisation' : f.properties.kind;
    return { id: f.id, kind, label: `${f.properties.name.en}, ${KIND_LABEL[kind]}`, name: f.properties.name };
  })
  .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

/**
 * A city's page for the embed tests, served on a loopback port of its own: `localhost`, not the
 * app's 127.0.0.1, so the iframe is cross-origin (and on loopback, as Chromium requires for a
 * page that frames a local app). `host.body` is what it answers with; `host.url` and
 * `host.origin` where it is.
 */
export async function startHostPage() {
  const { createServer } = await import('node:http');
  const host = { body: '' };
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(host.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.origin = `http://localhost:${server.address().port}`;
  host.url = `${host.origin}/`;
  host.close = () => server.close();
  return host;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', // we run as root in CI
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking', // otherwise Chromium tries to reach Google at start
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Opens the app in a fresh context. `prepare(context)` can install routes before the page loads.
 * Returns the page plus arrays that fill with console errors and requested URLs.
 */
export async function openApp(browser, { viewport = { width: 1280, height: 800 }, prepare, contextOptions = {}, waitForMarkers = true, query = '' } = {}) {
  // Reduced motion makes camera flights instant, so a test sees the end of a flight at once; the
  // flight itself is tested with motion allowed.
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', ...contextOptions });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  const requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  // Ready is when the markers are drawn (below), not the `load` event: that also waits for the
  // preloaded data and the favicon, and once in a full run it did not come within 30 s on a
  // loaded machine although the page was working.
  await page.goto(BASE_URL + query, { waitUntil: 'domcontentloaded' });
  if (waitForMarkers) await page.locator('.marker').first().waitFor({ timeout: 20_000 });
  return { context, page, errors, warnings, requests };
}

/** The page address's parameters. */
export const parameters = (page) => new URL(page.url()).searchParams;

/**
 * The zoom the map rests at, from the address's `map=zoom/lat/lon` (written once the view has
 * rested): waits until the address holds the same view twice, a rest apart.
 */
export async function restingZoom(page) {
  let last = null;
  for (let tries = 0; tries < 40; tries += 1) {
    await page.waitForTimeout(150);
    const now = new URL(page.url()).searchParams.get('map');
    if (now && now === last) return Number(now.split('/')[0]);
    last = now;
  }
  throw new Error(`the map did not come to rest (${last})`);
}

/** Waits until the address has `name=value` (the map writes its position once the view rests). */
export async function addressHas(page, name, value) {
  await page.waitForFunction(([n, v]) => new URL(location.href).searchParams.get(n) === v, [name, value], { timeout: 5_000 });
}

/** The colour a CSS custom property (such as `--color-sea`) resolves to on the page now, as `rgb(…)`. */
export async function resolvedColour(page, property) {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, property);
}

/** The centre of an element on screen, in CSS pixels. */
export async function centreOf(locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Waits two animation frames, so the DOM reflects the last input. */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The on-screen distance between the buttons showing two places (their own or their group's). */
export async function distanceBetween(page, a, b) {
  const [p, q] = [await centreOf(item(page, a)), await centreOf(item(page, b))];
  return Math.hypot(p.x - q.x, p.y - q.y);
}

export function marker(page, id) {
  return page.locator(`.marker[data-place-id="${id}"]`);
}

/** The button that shows `id` on the map now: its own marker, or the group it leads. */
export function item(page, id) {
  return page.locator(`.marker[data-key="m-${id}"], .marker[data-key$="-${id}"]:not(.marker--fanned)`);
}

/** The names a group's accessible name lists ("Group of 3 places: A, B and 1 more. Zooms in"). */
export function groupMembers(label) {
  const list = label.slice(label.indexOf(': ') + 2, label.lastIndexOf('. '));
  return list.replace(/ and \d+ more$/, '').split(', ');
}

/**
 * Makes the marker of `id` a button of its own, as a visitor would: show everything, then open
 * the groups whose names list it until its marker appears (a stack fans out). Returns its locator.
 */
export async function reveal(page, id, name) {
  await page.locator('.map-controls__fit').click();
  for (let step = 0; step < 10; step += 1) {
    await settle(page);
    const own = marker(page, id);
    if (await own.count()) return own.first();
    const groups = page.locator('.marker--group');
    let opened = false;
    for (const group of await groups.all()) {
      const label = await group.getAttribute('aria-label');
      if (groupMembers(label).includes(name)) {
        await group.click();
        opened = true;
        break;
      }
    }
    if (!opened) throw new Error(`no group lists ${name}`);
  }
  throw new Error(`${id} did not appear`);
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The WCAG 2.1 A/AA and best-practice violations axe-core finds on the page, one line each. The
 * page's context must be opened with `bypassCSP: true`: the app's CSP rightly refuses the script.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}
