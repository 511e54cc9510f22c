// The first view the release build draws into index.html (core::first_view): the map as soon as
// the page and its stylesheet arrive, a reading list for visitors without JavaScript, and an app
// that takes over in place, with no layout shift and no jump of the markers.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { BASE_URL, bundledData, launchBrowser, openApp, screenshot } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const innocities = bundledData.features.filter((f) => f.properties.record === 'place' && f.properties.kind === 'innocity');
const projects = bundledData.features.filter((f) => f.properties.record === 'project');
const partners = bundledData.features.filter((f) => f.properties.record === 'place' && f.properties.kind === 'partner');
const SIZES = [{ width: 1280, height: 800 }, { width: 390, height: 844 }];

/** axe-core's WCAG 2.1 A/AA and best-practice violations on `page`. */
async function axeOn(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/** axe on the page as a browser without scripts built it. axe cannot run there (the page's
 * timers never fire), so the same document (the noscript content as elements, no scripts) is
 * opened at the same address in a page that runs axe, with the stylesheet's `(scripting: none)`
 * rules in force (Chromium cannot emulate that media feature). */
async function axeWithoutScripts(noScriptPage, viewport) {
  const html = (await noScriptPage.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<noscript>/g, '<div>').replace(/<\/noscript>/g, '</div>')
    // The stylesheet is served with its no-script rules in force (below), so its digest changes.
    .replace(/ integrity="[^"]*"/g, '');
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.route(BASE_URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.route('**/*.css', async (route) => {
      const response = await route.fetch();
      const css = (await response.text()).replace(/\(scripting:\s*none\)/g, 'all');
      await route.fulfill({ response, body: css });
    });
    await page.goto(BASE_URL);
    assert.equal(await page.locator('.predrawn').evaluate((e) => getComputedStyle(e).position), 'relative', 'the no-script rules apply');
    assert.ok(await page.locator('main.reading-list').isVisible());
    return await axeOn(page);
  } finally {
    await context.close();
  }
}

/** The centre of each named, single marker the picture (`#predrawn`) or the live map shows now. */
function markerCentres(page, picture) {
  return page.evaluate((picture) => {
    const centre = (element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    };
    const found = {};
    if (picture) {
      for (const at of document.querySelectorAll('#predrawn .predrawn__places')) {
        if (getComputedStyle(at).display === 'none') continue;
        for (const marker of at.querySelectorAll('.predrawn__marker--innocity:not(.predrawn__marker--group)')) {
          const label = marker.parentElement.querySelector('.predrawn__marker__label-text');
          if (label) found[label.textContent] = centre(marker);
        }
      }
    } else {
      for (const marker of document.querySelectorAll('.markers .marker--innocity:not(.marker--group)')) {
        found[marker.dataset.placeId] = centre(marker);
      }
    }
    return found;
  }, picture);
}

test('without JavaScript the page shows the pre-drawn map and a reading list in each language whose links open the app', async () => {
  for (const viewport of SIZES) {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    try {
      await page.goto(BASE_URL);
      // The picture: land, and every InnoCity as a marker or in a group, with names.
      const picture = page.getByRole('img', { name: `Map of Finland and its neighbours with the ${innocities.length} InnoCities` });
      assert.ok(await picture.isVisible());
      const land = await page.locator('#predrawn path.basemap__land').getAttribute('d');
      assert.ok(land.length > 5_000, `land has ${land.length} characters`);
      const counted = await page.$$eval('#predrawn .predrawn__places', (layers) => {
        const shown = layers.find((l) => getComputedStyle(l).display !== 'none');
        return [...shown.querySelectorAll('.predrawn__marker')].map((m) => ({
          kind: m.className, count: Number(m.textContent) || 1, visible: m.getBoundingClientRect().width > 0,
        }));
      });
      assert.ok(counted.every((m) => m.visible), 'every marker of the shown layout is drawn');
      const seeds = counted.filter((m) => m.kind.includes('innocity'));
      assert.ok(seeds.length >= 3 && seeds.reduce((sum, m) => sum + m.count, 0) >= innocities.length - 1,
        `InnoCity markers: ${JSON.stringify(seeds)}`);
      // The page scrolls to the reading list: a section per language, marked with its language.
      for (const [code, heading] of [['en', /InnoCities, their lead projects/], ['fi', /Innokaupungit/], ['sv', /InnoCities, deras/]]) {
        const section = page.locator(`section[lang="${code}"]`);
        assert.match(await section.locator('h2').textContent(), heading);
        const links = await section.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
        assert.equal(links.length, innocities.length + projects.length + partners.length, code);
        for (const feature of [...innocities, ...projects, ...partners]) {
          const link = links.find((l) => l.href === `?open=${feature.id}&lang=${code}`);
          assert.ok(link, `${code}: a link to ${feature.id}`);
          assert.equal(link.text, feature.properties.name[code]);
        }
      }
      assert.equal(await page.locator('section[lang="sv"] a[href="?open=helsinki&lang=sv"]').textContent(), 'Helsingfors');
      assert.ok(await page.locator('#start-screen').isHidden(), 'no loading cue without scripts');
      assert.deepEqual(await axeWithoutScripts(page, viewport), []);
      await screenshot(page, `first-view-no-js-${viewport.width}`);
      await page.locator('section[lang="fi"] h2').scrollIntoViewIfNeeded();
      await screenshot(page, `first-view-no-js-list-${viewport.width}`);
      // A link of the list leads to the app's address for that record, in that language.
      await page.locator('section[lang="fi"] a[href="?open=oulu&lang=fi"]').click();
      await page.waitForURL(/\?open=oulu&lang=fi$/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  // Where scripts run, that address opens the record, in that language.
  const { context, page, errors } = await openApp(browser, { query: '?open=oulu&lang=fi' });
  try {
    await page.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fi');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the app takes over the pre-drawn map in place: no layout shift, no marker jump, no warning', async () => {
  for (const viewport of SIZES) {
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce', bypassCSP: false });
    await context.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
    await context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => { window.__shifts.push(...list.getEntries().map((e) => e.value)); })
        .observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    const messages = [];
    page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) messages.push(message.text()); });
    page.on('pageerror', (error) => messages.push(`uncaught: ${error.message}`));
    try {
      await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
      // Before the code has arrived: the picture, its names, and a quiet loading cue over it.
      await page.locator('#predrawn .predrawn__map').waitFor();
      const cue = page.getByRole('status');
      assert.match(await cue.textContent(), /Loading map data/);
      const cueBox = await cue.boundingBox();
      assert.ok(cueBox.y > viewport.height / 2, 'the cue sits low, out of the map\'s way');
      const drawn = await markerCentres(page, true);
      assert.ok(Object.keys(drawn).length >= 3, `named InnoCities in the picture: ${Object.keys(drawn)}`);
      await screenshot(page, `first-view-before-${viewport.width}`);
      release();
      await page.locator('.markers .marker').first().waitFor();
      await page.locator('#predrawn').waitFor({ state: 'detached' });
      await screenshot(page, `first-view-after-${viewport.width}`);
      // Each named InnoCity stands where the picture drew it.
      const live = await markerCentres(page, false);
      const jumps = [];
      for (const [name, at] of Object.entries(drawn)) {
        const place = innocities.find((f) => f.properties.name.en === name);
        assert.ok(place, name);
        const now = live[place.id];
        if (!now) continue; // grouped on the live map at this size
        jumps.push({ name, px: Math.hypot(now.x - at.x, now.y - at.y) });
      }
      assert.ok(jumps.length >= 3, `InnoCities compared: ${JSON.stringify(jumps)}`);
      const worst = Math.max(...jumps.map((j) => j.px));
      console.log(`    ${viewport.width}x${viewport.height}: ${jumps.length} InnoCities, largest move ${worst.toFixed(2)} px`);
      assert.ok(worst <= 1, `markers moved at takeover: ${JSON.stringify(jumps)}`);
      const shift = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
      assert.equal(shift, 0, 'no layout shift during the load');
      assert.deepEqual(messages, []);
    } finally {
      release();
      await context.close();
    }
  }
});

test('an address that asks for another view hides the picture at once; the language alone keeps it; it passes axe while loading', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await context.route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  const page = await context.newPage();
  try {
    for (const query of ['?open=oulu', '?data=https://example.org/x.geojson', '?map=6/62/25', '?embed=1']) {
      await page.goto(BASE_URL + query, { waitUntil: 'domcontentloaded' });
      await page.getByRole('status').waitFor();
      assert.ok(await page.locator('#predrawn').isHidden(), `${query}: the picture is hidden`);
    }
    await page.goto(`${BASE_URL}?lang=sv&utm_source=newsletter`, { waitUntil: 'domcontentloaded' });
    await page.locator('#predrawn .predrawn__map').waitFor();
    assert.deepEqual(await axeOn(page), []);
  } finally {
    release();
    await context.close();
  }
});
