// The map around the cards: whatever is open (a panel, the phone's bottom sheet), the map's own
// controls stay in sight and take the clicks meant for them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { launchBrowser, openApp, screenshot, restingZoom, axeViolations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, contextOptions: { hasTouch: true, isMobile: true } };

/** Each visible element matching `selector` is what the page hits at its centre, inside the viewport. */
async function hitAtCentres(page, selector) {
  return page.$$eval(selector, (elements, sel) => elements.map((element) => {
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const hit = document.elementFromPoint(x, y);
    return {
      name: element.getAttribute('aria-label') || element.textContent.trim().slice(0, 30),
      inside: x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight,
      hit: hit?.closest(sel) === element,
      on: hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : 'nothing',
    };
  }), selector);
}

test('with a panel open, the zoom buttons, "Show everything", the map-image switch and the legend stay usable, on a desktop and a phone', async () => {
  for (const [device, options] of [['desktop', {}], ['phone', PHONE]]) {
    const { context, page, errors } = await openApp(browser, { query: '?open=kokkola', ...options });
    try {
      await page.locator('.panel h2', { hasText: 'Kokkola' }).waitFor();
      await page.waitForTimeout(300);
      for (const selector of ['.map-controls__button', '.basemap-controls__tiles', '.legend summary']) {
        const controls = await hitAtCentres(page, selector);
        assert.ok(controls.length > 0, `${device}: ${selector} is there`);
        for (const control of controls) {
          assert.ok(control.inside && control.hit, `${device}: "${control.name}" is reachable (a click at its centre lands on ${control.on})`);
        }
      }
      // And they work: zoom in beside the panel.
      const before = await restingZoom(page);
      await page.locator('.map-controls__button').first().click();
      assert.ok(await restingZoom(page) > before + 0.5, `${device}: the zoom button zooms in`);
      await screenshot(page, `controls-beside-panel-${device}`);
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  }
});

test('the header card keeps one size in every language and when "Link copied" shows, so it never grows over the map', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?lang=en' });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const header = page.locator('.app-title');
    await page.locator('.share__button').waitFor();
    const size = async () => { const b = await header.boundingBox(); return { width: Math.round(b.width), height: Math.round(b.height) }; };
    const english = await size();
    const widths = { en: english.width };
    for (const [code, copyLink] of [['fi', 'Kopioi linkki'], ['sv', 'Kopiera länk']]) {
      await page.locator(`.language-switch__button[lang="${code}"]`).click();
      await page.locator('.share__button', { hasText: copyLink }).waitFor();
      widths[code] = (await size()).width;
    }
    assert.equal(new Set(Object.values(widths)).size, 1, `the same width in every language: ${JSON.stringify(widths)}`);
    await page.locator('.language-switch__button[lang="en"]').click();
    await page.locator('.share__button', { hasText: 'Copy link' }).click();
    const message = page.locator('.share__message', { hasText: 'Link copied' });
    await message.waitFor();
    assert.deepEqual(await size(), english, 'the confirmation does not push the header');
    await screenshot(page, 'header-link-copied');
    await message.waitFor({ state: 'hidden', timeout: 8_000 });
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('filters that leave nothing say "No matches" on the map and in the list, announced, with "Clear filters" to bring everything back', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    await page.locator('.filters summary').click();
    await page.getByRole('checkbox', { name: 'Sweden' }).check();
    await page.getByRole('checkbox', { name: /^InnoCit/ }).check();
    const onMap = page.locator('.map-area .no-matches');
    await onMap.waitFor();
    assert.match(await onMap.textContent(), /No matches/);
    assert.equal(await page.locator('.markers .marker').count(), 0, 'the map is empty');
    assert.match(await page.locator('.filters__result[role="status"]').textContent(), /^No matches\. /, 'the live region says so');
    assert.deepEqual(await axeViolations(page), [], 'axe with no matches');
    await screenshot(page, 'no-matches-map');

    await page.locator('.view-switch__button').nth(1).click();
    const inList = page.locator('.list-view .no-matches');
    await inList.waitFor();
    assert.equal(await page.locator('.list-view__item').count(), 0, 'the list is empty');
    await screenshot(page, 'no-matches-list');
    await inList.getByRole('button', { name: 'Clear filters' }).click();
    await inList.waitFor({ state: 'detached' });
    assert.ok(await page.locator('.list-view__item').count() > 20, 'everything is back');
    await page.waitForFunction(() => document.activeElement?.classList.contains('list-view'), null, { timeout: 2_000 });
    assert.match(await page.locator('.filters__result').textContent(), /^\d+ places/);
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await context.close();
  }
  // On a phone, the notice and its button are in sight and take the tap.
  const phone = await openApp(browser, { ...PHONE, query: '?countries=SE&kinds=innocity', waitForMarkers: false });
  try {
    const clear = phone.page.locator('.map-area .no-matches__clear');
    await clear.waitFor();
    const [hit] = await hitAtCentres(phone.page, '.map-area .no-matches__clear');
    assert.ok(hit.inside && hit.hit, `the phone's "Clear filters" is reachable (lands on ${hit.on})`);
    await screenshot(phone.page, 'no-matches-phone');
    await clear.tap();
    await phone.page.locator('.markers .marker').first().waitFor();
    assert.deepEqual(phone.errors, []);
  } finally {
    await phone.context.close();
  }
});

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('in dark mode land and sea differ enough to read the coast, by the system\'s choice and by the switch', async () => {
  for (const [how, options] of [['system', { contextOptions: { colorScheme: 'dark' } }], ['switch', {}]]) {
    const { context, page, errors } = await openApp(browser, options);
    try {
      if (how === 'switch') {
        await page.locator('.theme-switch').click();
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      }
      const [land, sea] = await page.evaluate(() => [
        getComputedStyle(document.querySelector('.basemap__land')).fill,
        getComputedStyle(document.querySelector('.map')).backgroundColor,
      ]);
      const ratio = contrast(land, sea);
      assert.ok(ratio >= 1.5, `${how}: land ${land} and sea ${sea} differ by ${ratio.toFixed(2)}:1`);
      await screenshot(page, `dark-coast-${how}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('with the filters and the legend both open, each keeps its buttons usable', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    await page.locator('.filters summary').click();
    await page.locator('.legend summary').click();
    await page.locator('.legend ul').waitFor();
    for (const selector of ['.view-switch__button', '.share__button', '.theme-switch', '.filters__clear', '.filters__show', '.legend summary']) {
      for (const control of await hitAtCentres(page, selector)) {
        if (!control.inside) continue; // a filter choice scrolled out of the card's own view
        assert.ok(control.hit, `"${control.name}" (${selector}) takes a click at its centre (it lands on ${control.on})`);
      }
    }
    await screenshot(page, 'filters-and-legend');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('with a project open on a phone, the group holding its lead is named after the lead, so its arrows start from "Kokkola +…"', async () => {
  const { context, page, errors } = await openApp(browser, { ...PHONE, query: '?open=battery-chemistry-lead-project' });
  try {
    await page.locator('.arcs .arc--strong').first().waitFor();
    // The group the arrows start from (the lead's end of the first arc), if the lead is in one.
    const groupAtTheArrowsStart = () => page.evaluate(() => {
      const arc = document.querySelector('.arcs .arc--strong');
      if (!arc) return null;
      const [x, y] = arc.getAttribute('d').match(/-?\d+(\.\d+)?/g).map(Number);
      const map = document.querySelector('.map').getBoundingClientRect();
      const group = [...document.querySelectorAll('.markers .marker--group')].find((button) => {
        const box = button.getBoundingClientRect();
        return Math.hypot(box.left + box.width / 2 - (map.left + x), box.top + box.height / 2 - (map.top + y)) < 30;
      });
      return group ? group.getAttribute('aria-label') : null;
    });
    // Zoomed out until the lead shares a group with other places.
    let name = await groupAtTheArrowsStart();
    for (let step = 0; !name && step < 6; step += 1) {
      await page.getByRole('button', { name: 'Zoom out' }).click();
      await page.waitForTimeout(400);
      name = await groupAtTheArrowsStart();
    }
    assert.ok(name, 'Kokkola is in a group at some zoom');
    assert.match(name, /^Kokkola \+\d+/, `the group holding the lead is named after it: "${name}"`);
    await screenshot(page, 'project-lead-group-phone');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Whether every marker for `places` ([id, English name]; its own or its group's) is on the map and clear of every card. */
async function inSightOnTheMap(page, places) {
  return page.evaluate((wanted) => {
    const map = document.querySelector('.map').getBoundingClientRect();
    return wanted.map(([id, name]) => {
      const own = document.querySelector(`.marker[data-place-id="${id}"]`);
      const group = [...document.querySelectorAll('.marker--group')].find((g) => g.getAttribute('aria-label').includes(name));
      const marker = own ?? group;
      if (!marker) return { id, seen: false, why: 'no marker' };
      const box = marker.getBoundingClientRect();
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
      const inside = x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
      const hit = document.elementFromPoint(x, y);
      return { id, seen: inside && hit?.closest('.marker') === marker, why: hit ? hit.className : 'off the page' };
    });
  }, places);
}

test('"Show N results" closes the filters and fits what they let through in the free map, on a desktop and as a phone sheet', async () => {
  const swedish = [['umea', 'Umeå'], ['skelleftea', 'Skellefteå'], ['ornskoldsvik', 'Örnsköldsvik']];
  for (const [device, options] of [['desktop', {}], ['phone', PHONE]]) {
    const { context, page, errors } = await openApp(browser, { ...options, contextOptions: { ...options.contextOptions, bypassCSP: true } });
    try {
      await page.locator('.filters summary').click();
      await page.getByRole('checkbox', { name: 'Sweden' }).check();
      const show = page.locator('.filters__show');
      const [places, organisations] = (await page.locator('.filters__result').textContent()).match(/\d+/g).map(Number);
      assert.equal(await show.textContent(), `Show ${places + organisations} results`);
      const [action] = await hitAtCentres(page, '.filters__show');
      assert.ok(action.inside && action.hit, `${device}: "Show … results" is in sight at the foot of the card (lands on ${action.on})`);
      if (device === 'phone') {
        // A sheet of its own along the bottom: the header stays a bar over the map.
        const sheet = await page.locator('.filters__body').boundingBox();
        const header = await page.locator('.app-title').boundingBox();
        assert.ok(Math.abs(sheet.y + sheet.height - 844) < 1 && sheet.width === 390, `the filters are a bottom sheet (${JSON.stringify(sheet)})`);
        await screenshot(page, `filters-open-${device}`);
        assert.ok(header.height < 844 * 0.3, `the header stays a bar (${header.height} px)`);
        assert.ok(sheet.y > header.y + header.height, 'the map shows between the header and the sheet');
        assert.deepEqual(await axeViolations(page), [], 'axe with the filter sheet open');
      }
      await screenshot(page, `filters-open-${device}`);
      await show.click();
      await page.waitForFunction(() => !document.querySelector('.filters').open);
      await restingZoom(page);
      const seen = await inSightOnTheMap(page, swedish);
      for (const place of seen) assert.ok(place.seen, `${device}: ${place.id} is in sight after "Show results" (${place.why})`);
      assert.equal(await page.evaluate(() => document.activeElement?.closest('.filters') !== null), true, 'focus goes back to the filters');
      await screenshot(page, `filters-shown-${device}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('the downloads have their own menu beside "Copy link", in sight on a desktop and a phone; Escape closes it', async () => {
  for (const [device, options] of [['desktop', {}], ['phone', PHONE]]) {
    const { context, page, errors } = await openApp(browser, { ...options, contextOptions: { ...options.contextOptions, bypassCSP: true } });
    try {
      const [menu] = await hitAtCentres(page, '.downloads > summary');
      assert.ok(menu.inside && menu.hit, `${device}: "Download" is in the header without opening anything (lands on ${menu.on})`);
      await page.locator('.downloads > summary').click();
      const items = await hitAtCentres(page, '.downloads__item');
      assert.equal(items.length, 3, 'places as CSV and GeoJSON, and the map as a picture');
      for (const item of items) assert.ok(item.inside && item.hit, `${device}: "${item.name}" takes a click (lands on ${item.on})`);
      assert.deepEqual(await axeViolations(page), [], 'axe with the downloads open');
      await screenshot(page, `downloads-${device}`);
      await page.locator('.downloads__item').first().focus();
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.querySelector('.downloads').open), false, 'Escape closes the menu');
      assert.equal(await page.evaluate(() => document.activeElement?.matches('.downloads > summary')), true, 'focus back on "Download"');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('on a phone the panel is a sheet to drag between a peek, half and full height, or swipe away; its title and × stay pinned while it scrolls', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?open=kokkola', ...PHONE, contextOptions: { ...PHONE.contextOptions, bypassCSP: true } });
  try {
    const panel = page.locator('.panel');
    await panel.locator('h2', { hasText: 'Kokkola' }).waitFor();
    const height = async () => (await panel.boundingBox()).height;
    const settled = async (stop) => {
      await page.waitForFunction((s) => document.querySelector('.panel')?.dataset.sheet === s, stop);
      await page.waitForTimeout(350); // the height's transition
    };
    await settled('half');
    assert.ok(Math.abs(await height() - 844 * 0.5) < 2, `half the screen (${await height()})`);
    // Scrolled down, the title and the close button are still in the sheet's view.
    await panel.evaluate((p) => { p.scrollTop = 500; });
    await page.waitForTimeout(100);
    const sheetTop = (await panel.boundingBox()).y;
    for (const selector of ['.panel h2', '.panel__close']) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box.y >= sheetTop - 1 && box.y < sheetTop + 120, `${selector} is pinned at the top (${box.y} in a sheet from ${sheetTop})`);
      const [hit] = await hitAtCentres(page, selector);
      assert.ok(hit.hit, `${selector} is not covered by the scrolled content (lands on ${hit.on})`);
    }
    assert.deepEqual(await axeViolations(page), [], 'axe with the sheet scrolled under its pinned title');
    await screenshot(page, 'sheet-pinned');
    // Dragged up by its handle, it rests at full height.
    const grip = page.locator('.panel__grip');
    const g = await grip.boundingBox();
    const [x, y] = [g.x + g.width / 2, g.y + g.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i += 1) { await page.mouse.move(x, y - 30 * i); await page.waitForTimeout(40); }
    await page.waitForTimeout(150);
    await page.mouse.up();
    await settled('full');
    assert.ok(Math.abs(await height() - 844 * 0.9) < 2, `nearly the whole screen (${await height()})`);
    await screenshot(page, 'sheet-full');
    // The handle is a button too: from full height, one press brings it down to a peek.
    assert.equal(await grip.getAttribute('aria-label'), 'Show less of the panel');
    await grip.focus();
    await page.keyboard.press('Enter');
    await settled('peek');
    assert.ok(Math.abs(await height() - 844 * 0.22) < 2, `a peek (${await height()})`);
    assert.ok(await page.locator('.panel h2').isVisible(), 'the title shows in the peek');
    const [zoomIn] = await hitAtCentres(page, '.map-controls__button');
    assert.ok(zoomIn.inside && zoomIn.hit, `the zoom buttons sit above the peek (lands on ${zoomIn.on})`);
    await screenshot(page, 'sheet-peek');
    // Swiped down from the peek, the panel closes.
    const p = await grip.boundingBox();
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i += 1) await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2 + 25 * i);
    await page.mouse.up();
    await page.locator('.panel').waitFor({ state: 'detached' });
    assert.equal(new URL(page.url()).searchParams.get('open'), null, 'the address no longer opens it');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('on a desktop the panel\'s title and × stay pinned while it scrolls, and there is no sheet handle', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?open=kokkola' });
  try {
    const panel = page.locator('.panel');
    await panel.locator('h2', { hasText: 'Kokkola' }).waitFor();
    assert.equal(await page.locator('.panel__grip').isVisible(), false);
    await panel.evaluate((p) => { p.scrollTop = 600; });
    await page.waitForTimeout(100);
    const top = (await panel.boundingBox()).y;
    for (const selector of ['.panel h2', '.panel__close']) {
      const [hit] = await hitAtCentres(page, selector);
      const box = await page.locator(selector).boundingBox();
      assert.ok(hit.hit && box.y < top + 120, `${selector} stays at the top and takes clicks (lands on ${hit.on})`);
    }
    await screenshot(page, 'panel-pinned-desktop');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
