// Sharing and languages: the page address holds the language, the selection, the shown project
// and the view, restores them exactly, and Back and Forward move between selections; the
// language follows the browser first and can be switched at any time.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { launchBrowser, openApp, centreOf, settle, screenshot, item, reveal, axeViolations, parameters, addressHas } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a deep link restores language, selection, project links and view exactly, and the app keeps unknown parameters', async () => {
  const query = '?lang=fi&place=kokkola&project=battery-chemistry-lead-project&map=8.5/63.838/23.13&utm_source=city';
  const { context, page, errors } = await openApp(browser, { query, contextOptions: { bypassCSP: true } });
  try {
    await page.locator('.panel').waitFor();
    assert.equal(await page.locator('.panel h2').textContent(), 'Kokkola');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fi');
    assert.equal(await page.locator('.language-switch__button[aria-pressed="true"] .language-switch__name').textContent(), 'Suomi');
    assert.equal(await page.locator('.app-title__tagline').textContent(), 'Suomen innokaupungit ja niiden kumppanit');
    // The view is the linked one: Kokkola (63.838 N, 23.13 E) at the centre of the map (its own
    // marker, or the group it leads with the organisations in the town).
    const map = await page.locator('.map').boundingBox();
    const kokkola = await centreOf(item(page, 'kokkola'));
    assert.ok(Math.abs(kokkola.x - (map.x + map.width / 2)) < 2 && Math.abs(kokkola.y - (map.y + map.height / 2)) < 2,
      `Kokkola at ${JSON.stringify(kokkola)}, map centre ${map.x + map.width / 2}, ${map.y + map.height / 2}`);
    // The project's links are drawn, and the panel's toggle says so.
    assert.ok((await page.locator('.arcs .arc--strong').count()) > 0, 'the linked project\'s arcs are drawn');
    // Nothing moved: the address written back is the one opened, plus nothing lost.
    await settle(page);
    await page.waitForTimeout(300);
    const now = parameters(page);
    assert.equal(now.get('map'), '8.5/63.838/23.13');
    assert.equal(now.get('utm_source'), 'city');
    assert.equal(now.get('open'), 'kokkola', 'the old place= parameter is written back as open=');
    assert.equal(now.get('place'), null);
    assert.deepEqual(await axeViolations(page), [], 'axe on the Finnish deep link');
    await screenshot(page, 'explorer-deep-link-fi');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a broken address is ignored part by part: the good parameters still apply', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?lang=de&place=Not%20an%20id&map=99/x/1&project=battery-chemistry-lead-project' });
  try {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'an unknown language falls back');
    assert.equal(await page.locator('.panel').count(), 0, 'no place is selected');
    assert.ok((await page.locator('.arcs .arc--strong').count()) > 0, 'the valid project still shows');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the first language follows the browser, and the switch changes every text, the lang attributes and the address', async () => {
  const { context, page } = await openApp(browser, { contextOptions: { locale: 'sv-FI', bypassCSP: true } });
  try {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv', 'a Swedish browser gets Swedish');
    assert.equal(await page.locator('.map').getAttribute('aria-label'), 'Karta över InnoCities och deras partnerregioner');
    await page.locator('.language-switch__button[lang="fi"]').click();
    await addressHas(page, 'lang', 'fi');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fi');
    assert.equal(await page.locator('.app').getAttribute('lang'), 'fi');
    assert.equal(await page.locator('.map').getAttribute('aria-label'), 'Kartta innokaupungeista ja niiden kumppanialueista');
    await settle(page);
    await screenshot(page, 'explorer-language-fi');
    await page.locator('.language-switch__button[lang="en"]').click();
    await addressHas(page, 'lang', 'en');
    assert.match(await item(page, 'kokkola').getAttribute('aria-label'), /Kokkola/);
    await screenshot(page, 'explorer-language-en');
    await page.locator('.language-switch__button[lang="sv"]').click();
    await settle(page);
    assert.match(await item(page, 'kokkola').getAttribute('aria-label'), /Karleby/, 'marker names follow the language');
    // Every language button names its language in that language.
    const buttons = await page.$$eval('.language-switch__button', (b) => b.map((x) => `${x.lang}:${x.innerText}`));
    assert.deepEqual(buttons, ['en:English', 'fi:Suomi', 'sv:Svenska']);
    // A reload keeps the chosen language, whatever the browser prefers.
    await page.reload();
    await page.locator('.marker').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
    assert.deepEqual(await axeViolations(page), [], 'axe in Swedish');
    await screenshot(page, 'explorer-language-sv');
  } finally {
    await context.close();
  }
});

test('Back and Forward move between selections; panning replaces the current step instead of adding one', async () => {
  const { context, page } = await openApp(browser);
  try {
    const historyLength = () => page.evaluate(() => history.length);
    const start = await historyLength();
    await (await reveal(page, 'oulu', 'Oulu')).click();
    await addressHas(page, 'open', 'oulu');
    await page.keyboard.press('Escape');
    await (await reveal(page, 'turku', 'Turku')).click();
    await addressHas(page, 'open', 'turku');
    const afterSelections = await historyLength();
    // Panning the map rewrites the position but adds no step.
    const map = page.locator('.map');
    const box = await map.boundingBox();
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 420, box.y + 360, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(400);
    assert.equal(await historyLength(), afterSelections, 'a pan is not a history step');
    assert.ok(afterSelections >= start + 3, `three selection steps (${start} → ${afterSelections})`);
    await page.goBack();
    await addressHas(page, 'open', null);
    assert.equal(await page.locator('.panel').count(), 0, 'back to no selection');
    await page.goBack();
    await addressHas(page, 'open', 'oulu');
    await page.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    await page.goForward();
    await page.goForward();
    await addressHas(page, 'open', 'turku');
    await page.locator('.panel h2', { hasText: 'Turku' }).waitFor();
  } finally {
    await context.close();
  }
});

test('search forgives diacritics and finds names in other languages; arrows, Enter and Escape work the list; the map flies to the choice', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    const input = page.getByRole('combobox', { name: 'Search places, organisations, projects and themes' });
    const options = page.locator('.search__option');
    await input.click();
    await input.pressSequentially('jyvaskyla');
    await options.first().waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.match(await options.first().textContent(), /^Jyväskylä/);
    assert.match(await page.locator('.search [aria-live]').textContent(), /^\d+ match(es)?$/);
    // Arrows move the active option (announced through aria-activedescendant) and wrap around.
    await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'search-option-0');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    await input.press('ArrowUp');
    const last = (await options.count()) - 1;
    assert.equal(await input.getAttribute('aria-activedescendant'), `search-option-${last}`);
    await input.press('ArrowDown');
    await input.press('Enter');
    // Chosen: the panel opens on it, the address names it, the map has flown to it.
    await page.locator('.panel h2', { hasText: 'Jyväskylä' }).waitFor();
    await addressHas(page, 'open', 'jyvaskyla');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    await settle(page);
    // In the middle of what the panel (at the right) and the header (over the top) leave free.
    const map = await page.locator('.map').boundingBox();
    const panel = await page.locator('.panel').boundingBox();
    const header = await page.locator('.app-title').boundingBox();
    const spot = await centreOf(item(page, 'jyvaskyla'));
    const middle = { x: (map.x + panel.x) / 2, y: (header.y + header.height + map.y + map.height) / 2 };
    assert.ok(Math.hypot(spot.x - middle.x, spot.y - middle.y) < 2, `Jyväskylä at ${JSON.stringify(spot)}, the free middle at ${JSON.stringify(middle)}`);
    // Its long panel ends above the basemap credit, which stays readable.
    const credit = await page.locator('.attribution').boundingBox();
    assert.ok(panel.y + panel.height <= credit.y, `the panel ends at ${panel.y + panel.height}, the credit starts at ${credit.y}`);
    assert.equal(await page.locator('.marker[data-key="m-jyvaskyla"], .marker--fanned[data-place-id="jyvaskyla"]').count() + await page.locator('.marker[data-key$="-jyvaskyla"][data-count]').count() > 0, true);

    // The Swedish name finds Kokkola in the English interface, and says which name matched.
    await input.fill('');
    await input.pressSequentially('KARLEBY');
    await options.first().waitFor();
    assert.equal(await options.first().locator('.search__name').textContent(), 'Kokkola');
    assert.equal(await options.first().locator('.search__other').getAttribute('lang'), 'sv');
    assert.equal(await options.first().locator('.search__other').textContent(), '(Karleby)');
    assert.deepEqual(await axeViolations(page), [], 'axe with the suggestions open');
    await screenshot(page, 'explorer-search');
    // Escape closes the list without closing the panel; a second Escape clears the field.
    await input.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('.panel').count(), 1, 'the panel stays open');
    await input.press('Escape');
    assert.equal(await input.inputValue(), '');

    // A project is shown with its links.
    await input.pressSequentially('battery');
    await page.locator('.search__option', { hasText: 'Project' }).first().click();
    await page.locator('.arcs .arc--strong').first().waitFor();
    await addressHas(page, 'project', 'battery-chemistry-lead-project');
    // Nothing matches: said so, and no list.
    await input.fill('zzzqqq');
    assert.equal(await page.locator('.search [aria-live]').textContent(), 'No matches');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Every place and organisation on the map now, counting group members. */
const shownCount = (page) => page.$$eval('.marker:not(.marker--fanned)', (b) => b.reduce((sum, x) => sum + Number(x.dataset.count), 0));

test('filters by country, kind, theme and years narrow the map and the counts together, live, and come back from the address', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    const status = page.locator('.filters__result');
    const everything = await status.textContent();
    assert.match(everything, /^\d+ places, \d+ organisations, \d+ projects$/);
    await page.locator('.map-controls__fit').click();
    await settle(page);
    const allShown = await shownCount(page);
    await page.locator('.filters summary').click();
    // Sweden only: the map and the count shrink alike, and the address says so.
    await page.getByRole('checkbox', { name: 'Sweden' }).check();
    await addressHas(page, 'countries', 'SE');
    const swedish = await status.textContent();
    assert.notEqual(swedish, everything);
    const [places, organisations] = swedish.match(/\d+/g).map(Number);
    await page.locator('.map-controls__fit').click();
    await settle(page);
    assert.equal(await shownCount(page), places + organisations, `map and count agree (${swedish})`);
    assert.ok(places + organisations < allShown);
    assert.equal(await page.locator('.filters summary').textContent(), 'Filters (1)');
    // Kinds combine with countries: there is no Swedish InnoCity.
    await page.getByRole('checkbox', { name: 'InnoCity' }).check();
    // Nothing left: the live region says so in words (see layout.test.mjs).
    assert.match(await status.textContent(), /^No matches\. /);
    assert.equal(await shownCount(page), 0);
    await page.locator('.filters__clear').click();
    assert.equal(await status.textContent(), everything);
    await addressHas(page, 'countries', null);

    // A theme: Kokkola leads battery chemistry and stays; Rovaniemi takes no part and goes.
    await page.getByRole('checkbox', { name: 'Battery chemistry' }).check();
    await addressHas(page, 'themes', 'theme-battery-chemistry');
    await page.locator('.map-controls__fit').click();
    await settle(page);
    assert.ok(await item(page, 'kokkola').count() > 0 || await page.locator('.marker[aria-label*="Kokkola"]').count() > 0, 'Kokkola shown');
    assert.equal(await page.locator('.marker[aria-label*="Rovaniemi"]').count(), 0, 'Rovaniemi hidden');
    assert.match(await status.textContent(), /, 1 project$/);
    // Years: nothing of battery chemistry (2023-2025) was active in 2020.
    await page.locator('.filters__year-from').selectOption('2020');
    await page.locator('.filters__year-to').selectOption('2020');
    await addressHas(page, 'years', '2020');
    assert.match(await status.textContent(), /^No matches\. /);
    await page.locator('.filters__year-to').selectOption('2024');
    await addressHas(page, 'years', '2020-2024');
    assert.match(await status.textContent(), /, 1 project$/);
    assert.deepEqual(await axeViolations(page), [], 'axe with the filters open');
    await screenshot(page, 'explorer-filters');

    // The address brings the same filters back on a fresh page.
    const url = page.url();
    const second = await context.newPage();
    await second.goto(url);
    await second.locator('.marker').first().waitFor();
    assert.equal(await second.locator('.filters__result').textContent(), await status.textContent());
    await second.locator('.filters summary').click();
    assert.equal(await second.getByRole('checkbox', { name: 'Battery chemistry' }).isChecked(), true);
    assert.equal(await second.locator('.filters__year-from').inputValue(), '2020');
    assert.equal(await second.locator('.filters__year-to').inputValue(), '2024');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the list view shows what the map shows, follows the filters and the selection, and gives the map back where it was', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    await page.waitForFunction(() => new URL(location.href).searchParams.get('map'));
    const mapBefore = parameters(page).get('map');
    await page.getByRole('button', { name: 'List' }).click();
    await addressHas(page, 'view', 'list');
    const list = page.getByRole('region', { name: 'Places, organisations and projects on the map' });
    await list.waitFor();
    assert.equal(await page.locator('.map').isVisible(), false, 'the map is hidden');
    const status = page.locator('.filters__result');
    const headings = async () => (await list.locator('h2').allTextContents()).join(' | ');
    const [places, organisations, projects] = (await status.textContent()).match(/\d+/g).map(Number);
    const counted = (await headings()).match(/\((\d+)\)/g).map((c) => Number(c.slice(1, -1)));
    assert.deepEqual([counted[0] + counted[1], counted[2], counted[3]], [places, organisations, projects], await headings());
    // The filters apply to the list too.
    await page.locator('.filters summary').click();
    await page.getByRole('checkbox', { name: 'Sweden' }).check();
    await page.locator('.filters summary').click();
    const swedish = await list.locator('.list-view__item').allTextContents();
    assert.ok(swedish.length > 0 && swedish.length < places + organisations, swedish.join(', '));
    assert.ok(swedish.every((line) => /Sweden|Umeå|Skellefteå|Örnsköldsvik|Luleå|Sundsvall|Stockholm|Göteborg/.test(line)), swedish.join(', '));
    // Choosing a line opens its panel; the line says it is the current one; Escape returns to it.
    const first = list.locator('.list-view__item').first();
    const name = await first.locator('.list-view__name').textContent();
    await first.click();
    await page.locator('.panel h2', { hasText: name }).waitFor();
    assert.equal(await first.getAttribute('aria-current'), 'true');
    assert.deepEqual(await axeViolations(page), [], 'axe on the list with a panel open');
    await screenshot(page, 'explorer-list');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.classList.contains('list-view__item'));
    // Back to the map, which is where it was.
    await page.getByRole('button', { name: 'Map' }).click();
    await page.locator('.map').waitFor();
    await addressHas(page, 'view', null);
    await page.waitForTimeout(300);
    assert.equal(parameters(page).get('map'), mapBefore, 'the view survived the list');
    // Switching the language keeps the view too.
    await page.locator('.language-switch__button[lang="fi"]').click();
    await addressHas(page, 'lang', 'fi');
    await page.waitForTimeout(300);
    assert.equal(parameters(page).get('map'), mapBefore, 'the view survived the language switch');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('on a 390 × 844 phone the header is a compact bar, every control is a 44 px target, and the panel is a bottom sheet', async () => {
  const { context, page, errors } = await openApp(browser, {
    viewport: { width: 390, height: 844 },
    contextOptions: { hasTouch: true, isMobile: true, bypassCSP: true },
  });
  try {
    const header = await page.locator('.app-title').boundingBox();
    assert.ok(header.height < 844 * 0.2, `the header takes ${header.height} px of 844`);
    // A checkbox's target is its whole label row (44 px tall on phones).
    // Controls not shown now (in a closed menu) have no box; the menu's are measured open.
    const tooSmall = () => page.$$eval('.app-title button, .app-title input:not([type=checkbox]), .app-title summary, .map-controls__button, .basemap-controls__tiles, .legend summary', (controls) =>
      controls.map((c) => [c, c.getBoundingClientRect()]).filter(([, r]) => r.width * r.height > 0 && (r.height < 44 || r.width < 44))
        .map(([c, r]) => `${c.className || c.tagName} ${r.width}x${r.height}`));
    assert.deepEqual(await tooSmall(), [], 'touch targets of at least 44 × 44 px');
    await page.locator('.downloads > summary').tap();
    assert.equal(await page.locator('.downloads__item:visible').count(), 3);
    assert.deepEqual(await tooSmall(), [], 'the downloads are 44 px targets too');
    await page.locator('.downloads > summary').tap();
    // The lowest place on the map: the bottom sheet rises over it, so the map slides it up.
    const singles = page.locator('.marker[data-count="1"]');
    const lowest = await singles.evaluateAll((markers) => markers
      .map((m) => ({ id: m.dataset.placeId, rect: m.getBoundingClientRect() }))
      .filter(({ id, rect }) => id && rect.x > 0 && rect.right < innerWidth && rect.bottom < innerHeight)
      .sort((a, b) => b.rect.y - a.rect.y)[0].id);
    const tapped = page.locator(`.marker[data-place-id="${lowest}"]`);
    assert.ok((await centreOf(tapped)).y > 844 / 2, `${lowest} is in the lower half`);
    await tapped.tap();
    const panel = await page.locator('.panel').boundingBox();
    assert.ok(panel.y > 844 * 0.4 && Math.round(panel.width) === 390, `bottom sheet at ${JSON.stringify(panel)}`);
    await settle(page);
    const shownAt = await centreOf(tapped);
    assert.ok(shownAt.y < panel.y - 22 && shownAt.y > header.y + header.height + 22, `${lowest} at ${shownAt.y}, between the header and the sheet`);
    assert.deepEqual(await axeViolations(page), [], 'axe on the phone layout');
    await screenshot(page, 'explorer-phone');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('"Copy link" puts the address of this view on the clipboard, and shows it to copy by hand when the browser refuses', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?place=oulu&lang=en' });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('.panel').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.share__message', { hasText: 'Link copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url());
    assert.equal(new URL(copied).searchParams.get('open'), 'oulu');
  } finally {
    await context.close();
  }
  const refused = await openApp(browser, {
    prepare: (c) => c.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => ({ writeText: () => Promise.reject(new Error('denied')) }) });
    }),
  });
  try {
    await refused.page.getByRole('button', { name: 'Copy link' }).click();
    const field = refused.page.getByRole('textbox', { name: 'Copy this link to share this view' });
    await field.waitFor();
    assert.equal(await field.inputValue(), refused.page.url());
    assert.deepEqual(refused.errors, []);
  } finally {
    await refused.context.close();
  }
  assert.deepEqual(errors, []);
});

test('dark mode follows the system, the switch overrides it for this device, and both schemes pass axe', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { colorScheme: 'dark', bypassCSP: true } });
  try {
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    const sea = () => page.evaluate(() => getComputedStyle(document.querySelector('.map')).backgroundColor);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true', 'a dark system starts dark');
    assert.equal(await sea(), 'rgb(16, 25, 35)');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    assert.equal(await sea(), 'rgb(201, 220, 235)', 'light although the system is dark');
    assert.deepEqual(await axeViolations(page), [], 'axe in light mode chosen on a dark system');
    await page.reload();
    await page.locator('.marker').first().waitFor();
    assert.equal(await sea(), 'rgb(201, 220, 235)', 'the choice is remembered on this device');
    await page.getByRole('button', { name: 'Dark mode' }).click();
    assert.equal(await sea(), 'rgb(16, 25, 35)');
    assert.deepEqual(await axeViolations(page), [], 'axe in dark mode');
    await screenshot(page, 'explorer-dark');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the shown places download as GeoJSON and CSV that parse back to what the filters let through', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?countries=SE' });
  try {
    const [places, organisations] = (await page.locator('.filters__result').textContent()).match(/\d+/g).map(Number);
    await page.locator('.downloads summary').click();
    const take = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
    };
    const geojson = await take('.downloads__item--geojson');
    assert.equal(geojson.name, 'innomap-places.geojson');
    const collection = JSON.parse(geojson.text);
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, places + organisations);
    assert.ok(collection.features.every((f) => f.properties.country === 'SE' && f.geometry.type === 'Point'));
    const csv = await take('.downloads__item--csv');
    assert.equal(csv.name, 'innomap-places.csv');
    const rows = csv.text.split('\r\n').filter((line) => line);
    assert.ok(csv.text.startsWith('\ufeff'), 'a byte-order mark first, so a spreadsheet reads UTF-8');
    assert.equal(rows[0].slice(1), 'id,kind,name_en,name_fi,name_sv,country,latitude,longitude,organisation_kind,region,themes,agreement,projects_led,projects_joined,website,links,sources,checked');
    assert.ok(collection.features.every((f) => f.properties.sources.length > 0 && f.properties.checked), 'sources travel with each record');
    assert.ok(collection.features.every((f) => Array.isArray(f.properties.themes) && Array.isArray(f.properties.projects_joined)));
    assert.equal(rows.length - 1, places + organisations);
    const ids = new Set(collection.features.map((f) => f.id));
    assert.ok(rows.slice(1).every((row) => ids.has(row.split(',')[0])), 'the same records in both files');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
