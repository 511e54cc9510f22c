// What a visitor sees and does on the map: it renders with every place, drag and wheel move it
// the right way, markers open the panel by mouse and keyboard, load failures explain themselves.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { BASE_URL, bundledData, expectedMarkers, launchBrowser, openApp, centreOf, distanceBetween, settle, screenshot, marker, item, reveal, groupMembers, axeViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


/** How many places and organisations the map shows, counting the members of groups. */
const countShown = (page) => page.$$eval('.marker:not(.marker--fanned)', (buttons) => buttons.reduce((sum, b) => sum + Number(b.dataset.count), 0));

const nameOf = (id) => expectedMarkers.find((m) => m.id === id).name.en;

function assertNear(actual, expected, tolerance, what) {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

test('the map renders the basemap and every place as a named marker or in a named group, with no errors and no third-party request', async () => {
  const { context, page, errors, warnings, requests } = await openApp(browser);
  try {
    await page.locator('.map-controls__fit').click();
    await settle(page);
    // Every place and organisation is on the map once: as its own marker or counted in a group.
    const shown = await page.$$eval('.marker', (buttons) => buttons.map((b) => ({
      count: Number(b.dataset.count), id: b.dataset.placeId, label: b.getAttribute('aria-label'), kind: b.className,
    })));
    assert.equal(shown.reduce((sum, b) => sum + b.count, 0), expectedMarkers.length);
    const listed = new Set();
    for (const button of shown) {
      if (button.count === 1) {
        const expected = expectedMarkers.find((m) => m.id === button.id);
        assert.equal(button.label, expected.label);
        assert.match(button.kind, new RegExp(`marker--${expected.kind}`));
        listed.add(expected.name.en);
      } else {
        assert.match(button.label, new RegExp(`, group of ${button.count} places: `));
        groupMembers(button.label).forEach((name) => listed.add(name));
      }
    }
    assert.equal(listed.size, new Set(expectedMarkers.map((m) => m.name.en)).size, 'every name is on a marker or in a group name');
    // The basemap is drawn, and land is where land should be (Lapland once rendered as sea).
    const land = await page.evaluate(() => {
      const path = document.querySelector('.basemap__land');
      const group = path.parentElement;
      const toPath = group.getScreenCTM().inverse();
      const rovaniemi = document.querySelector('.marker[data-place-id="rovaniemi"]').getBoundingClientRect();
      const at = (x, y) => path.isPointInFill(new DOMPoint(x, y).matrixTransform(toPath));
      const cx = rovaniemi.x + rovaniemi.width / 2;
      const cy = rovaniemi.y + rovaniemi.height / 2;
      return { length: path.getAttribute('d').length, north: at(cx + 20, cy - 40), onMarker: at(cx, cy) };
    });
    assert.ok(land.length > 10_000, `land path has ${land.length} characters`);
    assert.ok(land.onMarker && land.north, 'Rovaniemi and the land north of it are filled as land');
    const ready = await page.evaluate(() => performance.getEntriesByName('map-ready').length);
    assert.equal(ready, 1, 'the app marks map-ready once');
    await screenshot(page, 'map-desktop');
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, [], 'nothing in the console either');
    const foreign = requests.filter((url) => !url.startsWith(BASE_URL));
    assert.deepEqual(foreign, [], 'every request stays on our own host');
    // The data is preloaded with the binary, and the app's fetch takes the preload: one request each.
    const dataRequests = requests.filter((url) => url.includes('/data/')).map((url) => new URL(url).pathname).sort();
    assert.deepEqual(dataRequests, ['/data/basemap.geojson', '/data/innocities.geojson']);
  } finally {
    await context.close();
  }
});

test('every agreement city, partner place and organisation is on the map, and each lead project shows in its lead city', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    assert.equal(expectedMarkers.filter((m) => m.kind === 'innocity').length, 20);
    const projects = bundledData.features.filter((f) => f.properties.record === 'project');
    const leads = projects.filter((p) => p.id.endsWith('-lead-project'));
    assert.equal(leads.length, 6, 'six lead projects');
    for (const project of projects) {
      const lead = project.properties.lead.place;
      await (await reveal(page, lead, nameOf(lead))).click();
      const item = page.locator(`.panel li[data-project-id="${project.id}"]`);
      await item.waitFor();
      const line = await item.textContent();
      assert.ok(line.startsWith(project.properties.name.en) && line.includes('· lead'), line);
      await page.keyboard.press('Escape');
      await page.locator('.panel').waitFor({ state: 'detached' });
    }
    // A non-InnoCity partner shows the project it takes part in, with its role.
    await (await reveal(page, 'raahe', 'Raahe')).click();
    assert.match(await page.locator('.panel li[data-project-id="green-electrification-lead-project"]').textContent(), /partner/);
    await screenshot(page, 'partner-panel');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the panel shows the agreement, projects and safe source links of a city', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    await (await reveal(page, 'kokkola', 'Kokkola')).click();
    const panel = page.locator('.panel');
    await panel.waitFor();
    const text = await panel.textContent();
    assert.match(text, /Innovation ecosystem agreement 2021–2027/);
    assert.match(text, /Battery chemistry lead project/);
    await panel.locator('summary').click();
    const links = panel.locator('a.external');
    assert.ok((await links.count()) > 0, 'sources are linked');
    for (const link of await links.all()) {
      assert.match(await link.getAttribute('href'), /^https?:\/\//);
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await link.getAttribute('target'), '_blank');
    }
    await screenshot(page, 'city-panel-sources');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('dragging pans the map exactly with the pointer', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    const before = await centreOf(item(page, 'kokkola'));
    // Grab the map on Kuopio's marker: the map follows the pointer, so the drag also ends on it.
    const start = await centreOf(marker(page, 'kuopio'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 30, { steps: 4 });
    await page.mouse.move(start.x + 120, start.y + 60, { steps: 4 });
    const underPointer = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.marker')?.dataset.placeId,
      { x: start.x + 120, y: start.y + 60 });
    assert.equal(underPointer, 'kuopio', 'the drag ends over the marker it started on');
    await page.mouse.up();
    await settle(page);
    const after = await centreOf(item(page, 'kokkola'));
    assertNear(after.x - before.x, 120, 1, 'horizontal movement');
    assertNear(after.y - before.y, 60, 1, 'vertical movement');
    assert.equal(await page.locator('.panel').count(), 0, 'a drag that ends over a marker does not open it');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the wheel zooms about the cursor: the place under it stays put, the others spread out', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    const anchor = await centreOf(item(page, 'tampere'));
    const other = await centreOf(item(page, 'jyvaskyla'));
    await page.mouse.move(anchor.x, anchor.y);
    await page.mouse.wheel(0, -100); // one notch towards the user: zoom in
    await settle(page);
    const anchorAfter = await centreOf(item(page, 'tampere'));
    const otherAfter = await centreOf(item(page, 'jyvaskyla'));
    assertNear(anchorAfter.x, anchor.x, 1, 'anchor x');
    assertNear(anchorAfter.y, anchor.y, 1, 'anchor y');
    const spread = Math.hypot(otherAfter.x - anchorAfter.x, otherAfter.y - anchorAfter.y) / Math.hypot(other.x - anchor.x, other.y - anchor.y);
    assert.ok(spread > 1.8 && spread < 2.0, `one notch zooms in about one level (distance ×${spread.toFixed(3)})`);
    await page.mouse.wheel(0, 100);
    await settle(page);
    const back = await centreOf(item(page, 'jyvaskyla'));
    assertNear(back.x, other.x, 1, 'zooming back out returns the map');
    // Line-mode wheels and the zoom buttons and double-click zoom as well.
    const beforeDouble = await centreOf(item(page, 'jyvaskyla'));
    await page.mouse.dblclick(anchor.x + 3, anchor.y + 60);
    await settle(page);
    const afterDouble = await centreOf(item(page, 'jyvaskyla'));
    assert.ok(Math.hypot(afterDouble.x - beforeDouble.x, afterDouble.y - beforeDouble.y) > 50, 'double-click zoomed in');
    const spreadOf = () => distanceBetween(page, 'tampere', 'jyvaskyla');
    const beforeButton = await spreadOf();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await settle(page);
    assertNear((await spreadOf()) / beforeButton, 0.5, 0.01, 'the Zoom out button halves distances');
    // A line-mode wheel (as Firefox sends): three lines towards the user zooms out.
    const beforeLines = await spreadOf();
    await page.evaluate(({ x, y }) => document.querySelector('.map').dispatchEvent(
      new WheelEvent('wheel', { deltaY: 3, deltaMode: 1, clientX: x, clientY: y, bubbles: true, cancelable: true })), anchor);
    await settle(page);
    const ratio = (await spreadOf()) / beforeLines;
    assert.ok(ratio < 0.8 && ratio > 0.5, `three wheel lines zoom out by about half a level (×${ratio.toFixed(3)})`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('clicking a marker opens the panel with its name, and the map slides the place out from under it; Escape closes it and returns focus', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    // Drag the map right, then take the rightmost place in the top half, where the panel opens.
    await page.mouse.move(500, 500);
    await page.mouse.down();
    await page.mouse.move(700, 500, { steps: 5 });
    await page.mouse.move(900, 500, { steps: 5 });
    await page.mouse.up();
    await settle(page);
    await page.waitForTimeout(300);
    const rightmost = await page.locator('.marker[data-count="1"]').evaluateAll((markers) => markers
      .map((m) => ({ id: m.dataset.placeId, rect: m.getBoundingClientRect() }))
      .filter(({ id, rect }) => id && rect.right < innerWidth - 60 && rect.y > 40 && rect.bottom < 360)
      .sort((a, b) => b.rect.x - a.rect.x)[0].id);
    const before = await centreOf(marker(page, rightmost));
    await marker(page, rightmost).click();
    const panel = page.locator('.panel');
    await panel.waitFor();
    const name = await marker(page, rightmost).getAttribute('aria-label');
    assert.ok(name.startsWith(await panel.locator('h2').textContent()), `the panel of ${name}`);
    await settle(page);
    const sheet = await panel.boundingBox();
    assert.ok(before.x > sheet.x && before.y < sheet.y + sheet.height, `${rightmost} (${JSON.stringify(before)}) was where the panel opened (${JSON.stringify(sheet)})`);
    const after = await centreOf(marker(page, rightmost));
    assert.ok(after.x < sheet.x - 22, `${rightmost} (${after.x}) is clear of the panel (${sheet.x})`);
    await page.waitForFunction(() => document.activeElement?.id === 'detail-panel-title'); // focus moves into the panel
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await settle(page);
    await page.waitForFunction((id) => document.activeElement?.dataset.placeId === id, rightmost); // focus returns to the marker
    // In sight now, so opening it again leaves the map where it is; the close button closes too.
    const inSight = await centreOf(marker(page, rightmost));
    await marker(page, rightmost).click();
    await panel.waitFor();
    await settle(page);
    await page.waitForTimeout(100);
    const still = await centreOf(marker(page, rightmost));
    assert.ok(Math.hypot(still.x - inSight.x, still.y - inSight.y) < 1, 'the map stays');
    await page.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    // Rovaniemi's panel, with its region (after "show everything", which keeps clear of the header).
    await (await reveal(page, 'rovaniemi', 'Rovaniemi')).click();
    await panel.locator('h2', { hasText: 'Rovaniemi' }).waitFor();
    assert.match(await panel.textContent(), /Lappi|Lapland/, 'the region is shown');
    await settle(page);
    await screenshot(page, 'panel-open');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the map cannot be scrolled: revealing a marker leaves the map, its scale bar and its controls in place', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    await settle(page);
    // What a browser does when Tab, a screen reader or a script brings a marker half outside
    // the map into view: scroll the nearest scroll container. The map must not be one.
    const result = await page.evaluate(() => {
      const map = document.querySelector('.map');
      const at = (selector) => { const b = document.querySelector(selector).getBoundingClientRect(); return [b.left, b.top]; };
      const before = [at('.basemap-controls'), at('.scale-bar'), at('.markers .marker')];
      document.querySelector('.markers .marker').scrollIntoView({ block: 'start', inline: 'start' });
      map.scrollTo(300, 200);
      return { scroll: [map.scrollLeft, map.scrollTop], before, after: [at('.basemap-controls'), at('.scale-bar'), at('.markers .marker')] };
    });
    assert.deepEqual(result.scroll, [0, 0], 'the map element never scrolls');
    assert.deepEqual(result.after, result.before, 'the tiles button, the scale bar and the markers stay where they were');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('keyboard alone: Tab reaches the map and a marker, Enter opens it, arrows and +/- move the map', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    // The header comes first (languages, search, filters, map or list), then the map.
    const focused = [];
    for (let step = 0; step < 11; step += 1) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('lang') || active?.className || active?.tagName.toLowerCase();
      }));
    }
    assert.deepEqual(focused, ['en', 'fi', 'sv', 'theme-switch', 'search__input', 'summary', 'view-switch__button', 'view-switch__button', 'share__button', 'summary', 'map'], 'Tab goes through the header to the map');
    const before = await centreOf(item(page, 'vaasa'));
    await page.keyboard.press('ArrowRight');
    await settle(page);
    const after = await centreOf(item(page, 'vaasa'));
    assertNear(after.x - before.x, -100, 1, 'ArrowRight moves the view east (content left)');
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page does not scroll');
    const spread = () => distanceBetween(page, 'vaasa', 'joensuu');
    const beforePlus = await spread();
    await page.keyboard.press('+');
    await settle(page);
    assertNear((await spread()) / beforePlus, 2, 0.01, '+ zooms in one level');
    await page.keyboard.press('Home');
    await settle(page);
    const viewport = page.viewportSize();
    for (const id of ['hurth', 'antwerp', 'rovaniemi', 'umea']) {
      const p = await centreOf(item(page, id));
      assert.ok(p.x >= 0 && p.y >= 0 && p.x <= viewport.width && p.y <= viewport.height, `Home shows everything, including ${id}`);
    }
    // Past the map's own controls (if any come first) to the first marker.
    for (let i = 0; i < 4 && !(await page.evaluate(() => document.activeElement?.dataset.key)); i += 1) await page.keyboard.press('Tab');
    // Markers come in reading order: the first is the top one.
    const first = await page.evaluate(() => document.activeElement?.dataset.key);
    const topmost = await page.$$eval('.markers .marker', (markers) => markers
      .map((m) => ({ key: m.dataset.key, box: m.getBoundingClientRect() }))
      .filter(({ box }) => box.bottom > 0 && box.top < innerHeight)
      .sort((a, b) => a.box.top - b.box.top)[0].key);
    assert.equal(first, topmost, 'the next Tab reaches the top marker');
    const seed = first.slice(2);
    const seedName = bundledData.features.find((f) => f.id === seed).properties.name.en;
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    // Enter on a group zooms in and keeps focus on the group's leading place, until it is a
    // marker of its own (or, for places sharing one spot, the first of the fanned markers); then
    // Enter opens it.
    for (let step = 0; step < 10 && !(await page.evaluate(() => document.activeElement?.dataset.placeId)); step += 1) {
      await page.keyboard.press('Enter');
      await settle(page);
      await settle(page);
      const key = await page.evaluate(() => document.activeElement?.dataset.key ?? document.activeElement?.tagName);
      assert.ok(key.endsWith(`-${seed}`), `focus stays with the place (${key})`);
    }
    await page.keyboard.press('Enter');
    await page.locator('.panel h2').waitFor();
    assert.equal(await page.locator('.panel h2').textContent(), seedName);
    await screenshot(page, 'keyboard-panel');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Tab goes through the markers as a visitor reads the map, top to bottom, so Kokkola comes early', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { context, page, errors } = await openApp(browser, { viewport });
    try {
      await page.locator('.map').focus();
      // Past the map's own controls, if any come first, to the first marker.
      for (let i = 0; i < 4 && !(await page.evaluate(() => document.activeElement?.classList.contains('marker'))); i += 1) await page.keyboard.press('Tab');
      const stops = [];
      for (let i = 0; i < 60; i += 1) {
        if (i > 0) await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const active = document.activeElement;
          if (!active?.classList.contains('marker')) return null;
          const box = active.getBoundingClientRect();
          return { label: active.getAttribute('aria-label'), x: box.left + box.width / 2, y: box.top + box.height / 2 };
        });
        if (!stop) break;
        stops.push(stop);
      }
      assert.ok(stops.length > 5, `Tab walks the markers (${stops.length})`);
      for (let i = 1; i < stops.length; i += 1) {
        assert.ok(stops[i].y > stops[i - 1].y - 44, `${viewport.width}px: ${stops[i].label} comes after ${stops[i - 1].label}, a row below it`);
      }
      const kokkola = stops.findIndex((s) => s.label.startsWith('Kokkola') || s.label.includes(': Kokkola'));
      assert.ok(kokkola >= 0, 'Tab reaches Kokkola or the group that holds it');
      const above = stops.filter((s) => s.y < stops[kokkola].y - 44).length;
      assert.ok(kokkola <= above + 4, `${viewport.width}px: Kokkola is stop ${kokkola + 1}, after ${above} markers above it`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('a loading message shows until the data has arrived', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const { context, page, errors } = await openApp(browser, {
    waitForMarkers: false,
    prepare: (c) => c.route('**/data/innocities.geojson', async (route) => { await held; await route.continue(); }),
  });
  try {
    const status = page.getByRole('status');
    await status.waitFor();
    assert.match(await status.textContent(), /Loading map data/);
    assert.equal(await page.locator('.marker').count(), 0);
    await screenshot(page, 'loading');
    release();
    await page.locator('.marker').first().waitFor();
    assert.equal(await page.locator('.notice--loading').count(), 0, 'the loading message goes away');
    assert.deepEqual(errors, []);
  } finally {
    release();
    await context.close();
  }
});

test('the start screen shows before the app has arrived, then speaks the visitor\'s language until the data is in', async () => {
  let releaseApp;
  const appHeld = new Promise((resolve) => { releaseApp = resolve; });
  let releaseData;
  const dataHeld = new Promise((resolve) => { releaseData = resolve; });
  const { context, page, errors, requests } = await openApp(browser, {
    waitForMarkers: false,
    query: '?lang=fi',
    prepare: async (c) => {
      await c.route('**/*_bg.wasm', async (route) => { await appHeld; await route.continue(); });
      await c.route('**/data/innocities.geojson', async (route) => { await dataHeld; await route.continue(); });
    },
  });
  try {
    // index.html's own start screen, painted while the WebAssembly is still on its way.
    const status = page.getByRole('status');
    await status.waitFor();
    assert.match(await status.textContent(), /Loading map data/);
    assert.ok(await status.isVisible());
    releaseApp();
    // The app has started: the message is now Finnish, as the address asks, and so is the page.
    await page.waitForFunction(() => document.documentElement.lang === 'fi');
    assert.match(await status.textContent(), /Ladataan kartta-aineistoa/);
    assert.equal(await page.locator('.marker').count(), 0);
    // The data was asked for as soon as the app started, before anything else was drawn.
    assert.ok(requests.some((url) => url.endsWith('/data/innocities.geojson')));
    releaseData();
    await page.locator('.marker').first().waitFor();
    assert.equal(await page.locator('#start-screen').count(), 0, 'the start screen goes away');
    assert.equal(await page.locator('.notice--loading').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    releaseApp();
    releaseData();
    await context.close();
  }
});

test('when the data cannot be loaded the reason is shown, and Try again recovers', async () => {
  let failing = true;
  const { context, page, errors } = await openApp(browser, {
    waitForMarkers: false,
    prepare: (context) => context.route('**/data/innocities.geojson', (route) =>
      failing ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'down for maintenance' }) : route.continue()),
  });
  try {
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = await alert.textContent();
    assert.match(message, /could not be loaded/);
    assert.match(message, /503/);
    assert.match(message, /data\/innocities\.geojson/);
    assert.equal(await page.locator('.marker').count(), 0);
    await screenshot(page, 'load-error');
    failing = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.marker').first().waitFor();
    await page.locator('.map-controls__fit').click();
    await settle(page);
    assert.equal(await countShown(page), expectedMarkers.length);
    assert.equal(await page.getByRole('alert').count(), 0);
    // The only console error is the browser's own note of the 503 we caused.
    assert.ok(errors.every((e) => /503/.test(e)), errors.join('\n'));
  } finally {
    await context.close();
  }
});

test('a network failure and a file that is not GeoJSON are explained in plain words', async () => {
  for (const [name, handler, expected] of [
    ['network', (route) => route.abort('internetdisconnected'), /No answer came when loading the file data\/innocities\.geojson\. Check your network connection and try again\. \(Failed to fetch\)Try again$/],
    ['not-json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"type": "FeatureCollection", "features": [' }), /The file data\/innocities\.geojson is not InnoMap data: the file is not valid JSON \(line 1, column \d+\)/],
  ]) {
    const { context, page } = await openApp(browser, { waitForMarkers: false, prepare: (c) => c.route('**/data/innocities.geojson', handler) });
    try {
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), expected, name);
      assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 1);
    } finally {
      await context.close();
    }
  }
});

test('a broken record is listed and every valid place still shows', async () => {
  const broken = structuredClone(bundledData);
  const places = broken.features.map((f, i) => [f, i]).filter(([f]) => f.properties.record === 'place');
  const [[swapped, swappedIndex], [scripted, scriptedIndex]] = places;
  swapped.geometry.coordinates = [263.8, 23.1];
  scripted.properties.name = '<script>alert(1)</script>';
  const { context, page, errors } = await openApp(browser, {
    prepare: (c) => c.route('**/data/innocities.geojson', (route) => route.fulfill({ status: 200, contentType: 'application/geo+json', body: JSON.stringify(broken) })),
  });
  try {
    await page.locator('.map-controls__fit').click();
    await settle(page);
    assert.equal(await countShown(page), expectedMarkers.length - 2);
    const notice = page.locator('.skipped');
    // The two broken places, and every record that refers to them, and nothing else.
    assert.match(await notice.locator('summary').textContent(), /^The data has \d+ errors; some things are left out or shown in another language:$/);
    await notice.locator('summary').click();
    const items = await notice.locator('li').allTextContents();
    const related = new Set(broken.features
      .map((f, i) => [JSON.stringify(f), i])
      .filter(([text]) => text.includes(`"${swapped.id}"`) || text.includes(`"${scripted.id}"`))
      .map(([, i]) => i));
    for (const item of items) {
      const index = Number(/^feature (\d+) /.exec(item)?.[1]);
      assert.ok(related.has(index), `a problem unrelated to the two broken places: ${item}`);
    }
    assert.ok(items.includes(`feature ${swappedIndex} (id "${swapped.id}"), field \`geometry.coordinates\`: found [263.8, 23.1]; expected longitude in -180..180 then latitude in -90..90`), items.join('\n'));
    assert.ok(items.includes(`feature ${scriptedIndex} (id "${scripted.id}"), field \`properties.name\`: found a string "<script>alert(1)</script>"; expected an object with "en", "fi" and "sv" texts`), items.join('\n'));
    assert.equal(await page.locator('script:not([src])').count(), 0, 'text from data is never markup');
    await screenshot(page, 'skipped-records');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a data file with bytes that are not UTF-8 is reported, and every place still shows', async () => {
  // Latin-1 "ä" (0xe4) where UTF-8 has two bytes: a file saved in the wrong encoding.
  const text = JSON.stringify(bundledData);
  const at = text.indexOf('Jyväskylä');
  assert.ok(at > 0);
  const bytes = Buffer.concat([Buffer.from(text.slice(0, at + 3), 'utf8'), Buffer.from([0xe4]), Buffer.from(text.slice(at + 4), 'utf8')]);
  const offset = Buffer.byteLength(text.slice(0, at + 3), 'utf8');
  const { context, page, errors } = await openApp(browser, {
    prepare: (c) => c.route('**/data/innocities.geojson', (route) => route.fulfill({ status: 200, contentType: 'application/geo+json', body: bytes })),
  });
  try {
    await page.locator('.map-controls__fit').click();
    await settle(page);
    assert.equal(await countShown(page), expectedMarkers.length, 'nothing is left out');
    const notice = page.locator('.skipped');
    await notice.locator('summary').click();
    const items = await notice.locator('li').allTextContents();
    assert.ok(items.some((item) => item.includes('not UTF-8') && item.includes(`byte ${offset}`)), items.join('\n'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a phone-sized window shows the map and the panel as a bottom sheet', async () => {
  const { context, page, errors } = await openApp(browser, { viewport: { width: 390, height: 844 }, contextOptions: { hasTouch: true, isMobile: true } });
  try {
    await (await reveal(page, 'oulu', 'Oulu')).tap();
    const panel = page.locator('.panel');
    await panel.waitFor();
    const box = await panel.boundingBox();
    assertNear(box.y + box.height, 844, 1, 'the sheet sits on the bottom edge');
    assertNear(box.width, 390, 1, 'the sheet spans the width');
    const hit = await marker(page, 'oulu').boundingBox();
    assert.ok(hit.width >= 44 && hit.height >= 44, `touch targets are at least 44 px (${hit.width}×${hit.height})`);
    await screenshot(page, 'phone-panel');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('axe-core finds no accessibility violations on the map, with the panel open, and on the error screen', async () => {
  // Only this test lets the test inject axe's script past the app's CSP; the app itself never needs it.
  const run = async (page, state) => assert.deepEqual(await axeViolations(page), [], `violations ${state}`);
  const { context, page } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    await run(page, 'on the map');
    await (await reveal(page, 'joensuu', 'Joensuu')).click();
    await page.locator('.panel').waitFor();
    await run(page, 'with the panel open');
    await page.locator('.panel__toggle').first().click();
    await page.locator('.legend summary').click();
    await settle(page);
    await run(page, 'with project links and the legend open');
  } finally {
    await context.close();
  }
  const failed = await openApp(browser, {
    waitForMarkers: false,
    contextOptions: { bypassCSP: true },
    prepare: (c) => c.route('**/data/basemap.geojson', (route) => route.fulfill({ status: 404, body: 'missing' })),
  });
  try {
    await failed.page.getByRole('alert').waitFor();
    await run(failed.page, 'on the error screen');
  } finally {
    await failed.context.close();
  }
});
