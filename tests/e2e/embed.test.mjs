// Embed mode (issue 17, first part): the app in a real cross-origin iframe on a city's page,
// chosen by `embed=1`. On load it neither scrolls the host page nor takes its focus; a plain
// wheel over the map scrolls the page and hints at Ctrl+wheel, which zooms the map; the embed's
// options show as many controls as asked for.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';


import { BASE_URL, launchBrowser, screenshot, axeViolations, startHostPage } from './support.mjs';

// The city's page, served on a loopback port of its own: another origin than the app's.
let browser;
let host;
let HOST;
before(async () => {
  browser = await launchBrowser();
  host = await startHostPage();
  HOST = host.url;
});
after(async () => { await browser?.close(); host?.close(); });

/** A city page: a heading and a search field (focused), text, the map iframe, more text. */
function hostPage(query, width = 720) {
  const text = '<p>Lorem ipsum dolor sit amet. '.repeat(12);
  return `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kaupunki</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Kaupungin sivu</h1><label>Haku <input id="site-search" autofocus></label>${text}
<iframe id="map" title="InnoMap" src="${BASE_URL}${query}" style="display:block;width:${width}px;height:480px;border:0" allow="fullscreen"></iframe>
${text.repeat(6)}</body></html>`;
}

async function openHost(query, { width = 720, viewport = { width: 1000, height: 800 }, bypassCSP = false } = {}) {
  // `bypassCSP` only where axe-core must be injected; otherwise the app's own policy holds.
  const context = await browser.newContext({ viewport, bypassCSP });
  const errors = [];
  host.body = hostPage(query, width);
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(HOST);
  const frame = page.frameLocator('#map');
  await frame.locator('.marker').first().waitFor();
  const app = page.frames().find((f) => f.url().startsWith(BASE_URL));
  return { context, page, frame, app, errors };
}

/** The map's position in the embed's own address, once it rests. */
async function framePosition(app) {
  let last = null;
  for (let tries = 0; tries < 40; tries += 1) {
    await new Promise((r) => setTimeout(r, 150));
    const now = new URL(app.url()).searchParams.get('map');
    if (now && now === last) return now;
    last = now;
  }
  throw new Error(`the embedded map did not rest (${last})`);
}

test('an embed in a cross-origin iframe leaves the page\'s scroll and focus alone, lets the wheel scroll the page with a hint, and zooms with Ctrl+wheel', async () => {
  const { context, page, frame, app, errors } = await openHost('?embed=1&lang=fi');
  try {
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the host page has not scrolled');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search', 'the host keeps its focus');
    // The map, not yet in view, is scrolled to with the page.
    await page.evaluate(() => document.getElementById('map').scrollIntoView({ block: 'center' }));
    const before = await framePosition(app);
    const scrolled = await page.evaluate(() => scrollY);
    const box = await page.locator('#map').boundingBox();
    // Over the map, right of the header card.
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.6);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction((from) => scrollY > from, scrolled);
    await frame.locator('.map-hint:not([hidden])').waitFor();
    assert.match(await frame.locator('.map-hint').textContent(), /Ctrl|⌘|Cmd/);
    assert.equal(await framePosition(app), before, 'a plain wheel leaves the map where it was');
    await screenshot(page, 'embed-wheel-hint');
    // Ctrl+wheel zooms the map and not the page.
    const pageScroll = await page.evaluate(() => scrollY);
    const again = await page.locator('#map').boundingBox();
    await page.mouse.move(again.x + again.width * 0.75, again.y + again.height * 0.6);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    const after = await framePosition(app);
    assert.ok(Number(after.split('/')[0]) > Number(before.split('/')[0]), `Ctrl+wheel zooms in (${before} → ${after})`);
    assert.equal(await page.evaluate(() => scrollY), pageScroll, 'and the page stays');
    assert.deepEqual(errors, [], 'no console errors on the host or in the embed');
  } finally {
    await context.close();
  }
});

test('embed options show as many controls as asked for, in the colour scheme asked for; bad values are ignored with a warning', async () => {
  for (const [query, expect] of [
    ['?embed=1&controls=minimal&scheme=dark', { search: false, zoom: true, title: true, theme: 'dark', warnings: 0 }],
    ['?embed=1&controls=none', { search: false, zoom: false, title: false, theme: null, warnings: 0 }],
    ['?embed=1&controls=lots&scheme=purple&gestures=greedy', { search: true, zoom: true, title: true, theme: null, warnings: 2 }],
  ]) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, bypassCSP: true });
    const warnings = [];
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'warning' && m.text().startsWith('InnoMap:')) warnings.push(m.text()); });
    try {
      await page.goto(`${BASE_URL}${query}`);
      await page.locator('.marker').first().waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.locator('.search__input').isVisible(), expect.search, `${query}: search`);
      assert.equal(await page.locator('.map-controls__button').first().isVisible(), expect.zoom, `${query}: zoom buttons`);
      assert.equal(await page.locator('.app-title h1').isVisible(), expect.title, `${query}: title`);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? null), expect.theme, `${query}: scheme`);
      assert.equal(warnings.length, expect.warnings, `${query}: ${warnings.join(' | ')}`);
      assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
      assert.deepEqual(await axeViolations(page), [], `${query}: axe`);
      await screenshot(page, `embed-options-${new URLSearchParams(query).get('controls')}`);
    } finally {
      await context.close();
    }
  }
});

test('axe-core finds no violations in an embed with the wheel hint showing', async () => {
  const { context, page, frame, app, errors } = await openHost('?embed=1&lang=sv', { bypassCSP: true });
  try {
    await page.evaluate(() => document.getElementById('map').scrollIntoView({ block: 'center' }));
    const box = await page.locator('#map').boundingBox();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.6);
    await page.mouse.wheel(0, 200);
    await frame.locator('.map-hint:not([hidden])').waitFor();
    assert.deepEqual(await axeViolations(app), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
