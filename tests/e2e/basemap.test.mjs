// The basemap as a visitor meets it: country and sea names, a scale bar that follows the zoom,
// the detailed coastline fetched only on zooming in (and then in the map image too), map images
// off by default (and, when turned on, hidden tile by tile if they fail), and a dark palette that
// stays accessible.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { BASE_URL, launchBrowser, openApp, settle, screenshot, axeViolations, resolvedColour, restingZoom } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The texts of the basemap labels currently shown and inside the map. */
async function visibleLabels(page) {
  return page.evaluate(() => {
    const map = document.querySelector('.map').getBoundingClientRect();
    return [...document.querySelectorAll('.basemap-label')]
      .filter((t) => t.getAttribute('display') !== 'none')
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.right > map.left && r.left < map.right && r.bottom > map.top && r.top < map.bottom;
      })
      .map((t) => t.textContent);
  });
}

async function scaleText(page) {
  return (await page.locator('.scale-bar__label').textContent()).replace(/\u00a0/g, ' ');
}

test('country and sea names show as decorative text that never takes a click', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    const shown = await visibleLabels(page);
    for (const name of ['Finland', 'Sweden', 'Gulf of Finland']) {
      assert.ok(shown.includes(name), `${name} is on the map: ${shown.join(', ')}`);
    }
    const layer = page.locator('svg.basemap-labels');
    assert.equal(await layer.getAttribute('aria-hidden'), 'true');
    assert.equal(await layer.evaluate((el) => getComputedStyle(el).pointerEvents), 'none');
    const water = page.locator('.basemap-label--water').first();
    assert.equal(await water.evaluate((el) => getComputedStyle(el).fontStyle), 'italic');
    // Labels are text nodes, never markup.
    assert.equal(await page.locator('.basemap-labels text *').count(), 0);
    await screenshot(page, 'basemap-labels');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the scale bar shows a round distance that shrinks as the map zooms in, and the detail loads only then', async () => {
  const { context, page, errors, requests } = await openApp(browser);
  try {
    const before = await scaleText(page);
    assert.match(before, /^(1|2|5)0* (k?m)$|^1,000 km$/, before);
    const width = await page.locator('.scale-bar__line').evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width > 30 && width <= 101, `bar is ${width} px`);
    assert.ok(!requests.some((url) => url.includes('basemap-detail')), 'no detailed basemap at first');
    // Double-click three times on the sea just south-west of Helsinki: from the opening zoom
    // (about 5.5) past 7, where the detailed coastline is drawn, keeping the coast in view.
    for (let i = 0; i < 3; i += 1) {
      const helsinki = await page.locator('.marker[data-key$="-helsinki"]').first().boundingBox();
      await page.mouse.dblclick(helsinki.x - 20, helsinki.y + helsinki.height + 20);
      await page.waitForTimeout(350); // zoom may animate for up to 300 ms
    }
    await settle(page);
    const after = await scaleText(page);
    assert.notEqual(after, before, 'the distance changes with the zoom');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('basemap-detail.geojson')));
    await settle(page);
    await screenshot(page, 'basemap-zoomed-in');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(BASE_URL)), [], 'every request stays on our own host');
  } finally {
    await context.close();
  }
});

/** The number of points in the land outline of the map image the page downloads now. */
async function landPointsInImage(page) {
  await page.locator('.downloads summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.downloads__item--image').click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  // Every point after a ring's first is one relative step, `l`.
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return (doc.querySelector('path.land')?.getAttribute('d') ?? '').split('l').length - 1;
  }, svg);
}

test('the map image of a close view is as detailed as the map: it uses the detailed coastline once the map has it', async () => {
  const query = '?map=9/63.84/23.13';
  // Without the detailed file the image can only have the medium level.
  const blocked = await openApp(browser, { query, prepare: (context) => context.route('**/basemap-detail.geojson', (route) => route.abort()) });
  let medium;
  try {
    medium = await landPointsInImage(blocked.page);
  } finally {
    await blocked.context.close();
  }
  const { context, page, errors } = await openApp(browser, { query });
  try {
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('basemap-detail.geojson')));
    await page.waitForTimeout(300);
    await settle(page);
    const detailed = await landPointsInImage(page);
    assert.ok(medium > 10 && detailed > 2 * medium, `the image's coast has ${detailed} points with the detail, ${medium} without`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('map images are off by default; turned on they name OpenStreetMap, and failed tiles hide', async () => {
  let tileRequests = 0;
  const { context, page, errors, requests } = await openApp(browser, {
    // Never reach the real server: every tile answers 404 here, as if the server were down.
    prepare: (c) => c.route('https://tile.openstreetmap.org/**', (route) => {
      tileRequests += 1;
      return route.fulfill({ status: 404, body: '' });
    }),
  });
  try {
    const toggle = page.getByRole('button', { name: 'Load map images from OpenStreetMap' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.tile').count(), 0);
    assert.equal(await page.locator('.basemap-tiles-credit').count(), 0);
    await page.waitForTimeout(300);
    assert.deepEqual(requests.filter((url) => !url.startsWith(BASE_URL)), [], 'nothing leaves 127.0.0.1 by default');
    assert.equal(tileRequests, 0);

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await page.locator('.tile').first().waitFor({ state: 'attached' });
    const tile = page.locator('.tile').first();
    assert.equal(await tile.getAttribute('alt'), '');
    assert.equal(await tile.getAttribute('referrerpolicy'), 'no-referrer');
    assert.equal(await tile.getAttribute('draggable'), 'false');
    assert.match(await tile.getAttribute('src'), /^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
    await page.waitForFunction(() => document.querySelectorAll('.tile').length > 0
      && [...document.querySelectorAll('.tile')].every((t) => t.classList.contains('is-failed')));
    assert.ok(tileRequests > 0);
    assert.match(await page.locator('.basemap-tiles-credit').textContent(), /© OpenStreetMap contributors/);
    // The vector basemap still shows where the tiles failed, and the visitor is told why.
    assert.equal(await tile.evaluate((el) => getComputedStyle(el).visibility), 'hidden');
    const notice = page.locator('.tiles-notice[role="status"]');
    await notice.waitFor();
    assert.match(await notice.textContent(), /^Map images from OpenStreetMap could not be loaded: the server did not answer\./);
    await screenshot(page, 'basemap-tiles-failed');

    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.tile').count(), 0);
    assert.equal(await notice.count(), 0, 'the notice goes with the images');
    assert.deepEqual(errors.filter((e) => !/404|Failed to load resource/.test(e)), []);
  } finally {
    await context.close();
  }
});

/** A 1x1 grey PNG, as a tile server would answer. */
const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoaAAAAIIAgd8pDNoAAAAASUVORK5CYII=', 'base64');

test('a page chooses its own tile server by address, and only the site\'s policy decides whether it is asked', async () => {
  const template = 'https://tiles.example-city.test/base/{z}/{x}/{y}.png';
  const query = `?tiles=${encodeURIComponent(template)}&tiles-credit=${encodeURIComponent('© Example City')}`;
  const served = (counter) => (c) => c.route('https://tiles.example-city.test/**', (route) => {
    counter.n += 1;
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
  });
  // A site that lists the server in its policy (here the policy is bypassed, as a site's own
  // `img-src https://tiles.example-city.test` would allow it): the tiles come from there.
  const allowed = { n: 0 };
  const { context, page, errors } = await openApp(browser, { query, prepare: served(allowed), contextOptions: { bypassCSP: true } });
  try {
    const toggle = page.getByRole('button', { name: 'Load map images from tiles.example-city.test' });
    await toggle.click();
    await page.locator('.tile').first().waitFor({ state: 'attached' });
    assert.match(await page.locator('.tile').first().getAttribute('src'), /^https:\/\/tiles\.example-city\.test\/base\/\d+\/\d+\/\d+\.png$/);
    await page.waitForFunction(() => [...document.querySelectorAll('.tile')].some((t) => t.complete && t.naturalWidth > 0));
    assert.ok(allowed.n > 0, 'tiles were asked for');
    assert.equal(await page.locator('.basemap-tiles-credit').textContent(), '© Example City');
    // Map images are true deeper than the vector basemap: the zoom goes on to 12 while they
    // are on, and comes back to the basemap's deepest when they are turned off.
    for (let i = 0; i < 8; i += 1) await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.equal(await restingZoom(page), 12);
    await toggle.click();
    assert.equal(await restingZoom(page), 9);
    assert.ok(new URL(page.url()).searchParams.get('tiles') === template, 'the choice stays in the address, so links keep it');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  // The production policy (the default build's img-src) does not list the server: the address
  // alone cannot make the app ask a host the site has not allowed.
  const refused = { n: 0 };
  const strict = await openApp(browser, { query, prepare: served(refused) });
  try {
    await strict.page.getByRole('button', { name: 'Load map images from tiles.example-city.test' }).click();
    await strict.page.locator('.tile').first().waitFor({ state: 'attached' });
    await strict.page.waitForFunction(() => [...document.querySelectorAll('.tile')].every((t) => t.classList.contains('is-failed')));
    assert.equal(refused.n, 0, 'no request reached the server');
    const refusal = strict.page.locator('.tiles-notice[role="status"]');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /not allowed on this page/, 'the visitor is told the page does not allow them');
    await screenshot(strict.page, 'basemap-tiles-not-allowed');
    assert.ok(strict.errors.every((e) => /Content Security Policy|img-src/.test(e)), strict.errors.join('\n'));
  } finally {
    await strict.context.close();
  }
});

test('a tile server address that is not an http(s) image template is ignored, with one warning', async () => {
  const { context, page, errors, warnings } = await openApp(browser, { query: '?tiles=javascript:alert(1)' });
  try {
    assert.equal(await page.getByRole('button', { name: 'Load map images from OpenStreetMap' }).count(), 1);
    assert.deepEqual(errors, []);
    assert.equal(warnings.filter((w) => w.includes('tiles')).length, 1, warnings.join('\n'));
  } finally {
    await context.close();
  }
});

test('the dark palette is used when the system asks for it, and axe-core finds no violation', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { colorScheme: 'dark', bypassCSP: true } });
  try {
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    const colours = await page.evaluate(() => ({
      sea: getComputedStyle(document.querySelector('.map')).backgroundColor,
      land: getComputedStyle(document.querySelector('.basemap__land')).fill,
      scheme: document.querySelector('meta[name="color-scheme"]').content,
    }));
    assert.equal(colours.sea, 'rgb(16, 25, 35)');
    assert.equal(colours.land, 'rgb(56, 61, 67)');
    assert.equal(colours.scheme, 'light dark');
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'basemap-dark');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Finland\'s large lakes are drawn as water over the land, in both palettes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, errors } = await openApp(browser, { contextOptions: { colorScheme } });
    try {
      const lake = page.locator('.basemap__lake');
      const rings = (await lake.getAttribute('d')).match(/M/g)?.length ?? 0;
      assert.ok(rings >= 8, `${rings} lakes in the opening view`);
      const [lakeFill, seaFill] = await page.evaluate(() => [
        getComputedStyle(document.querySelector('.basemap__lake')).fill,
        getComputedStyle(document.querySelector('.map')).getPropertyValue('--color-sea'),
      ]);
      assert.equal(lakeFill, await resolvedColour(page, '--color-sea'), `lakes in the sea colour (${seaFill})`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
