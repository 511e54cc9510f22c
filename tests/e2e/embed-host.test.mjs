// Embed mode, the page around it (issue 17): a city page served on one loopback port embeds the
// app from another (a real cross-origin iframe) with the host script `embed.js`. The tests check
// the messages both ways (protocol 1, docs/embedding.md): the iframe is sized from the map's
// height message, the page sets the language, opens a record, sets filters and fits an area; a
// message from another origin or another window, a malformed one and an oversized one change
// nothing and log no error; "open the full map" carries the whole state; two embeds on one page
// stay independent; one finger scrolls the page and two move the map; narrow columns down to
// 320 px keep everything inside.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launchBrowser, screenshot, axeViolations, startHostPage } from './support.mjs';

let browser;
let host;
let HOST;
let HOST_ORIGIN;
before(async () => {
  browser = await launchBrowser();
  host = await startHostPage();
  HOST_ORIGIN = host.origin;
  HOST = host.url;
});
after(async () => { await browser?.close(); host?.close(); });

const filler = '<p>Kaupunki kehittää innovaatioita yhdessä yritysten ja korkeakoulujen kanssa. '.repeat(10);

/**
 * A city page in `lang` with the given map iframes (`{ id, query, width }`), the host script,
 * and a record of every `innomap:*` event the script raises.
 */
function cityPage(maps, { lang = 'sv' } = {}) {
  const frames = maps.map(({ id, query, width = 720 }) => `<div class="column" style="width:${width}px">
<iframe id="${id}" data-innomap title="InnoMap ${id}" src="${BASE_URL}${query}" style="display:block;width:100%;height:480px;border:0" allow="fullscreen"></iframe></div>`).join('\n');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Stadens sida</title></head>
<body style="margin:0;font-family:sans-serif">
<h1>Stadens sida</h1><label>Sök <input id="site-search" autofocus></label>${filler}
${frames}
${filler.repeat(4)}
<script src="${BASE_URL}embed.js" async></script>
<script>
  window.heard = [];
  for (const type of ['ready', 'height', 'selection', 'view', 'language']) {
    document.addEventListener('innomap:' + type, (e) => heard.push({ ...e.detail, frame: e.target.id }));
  }
</script></body></html>`;
}

async function openCityPage(maps, { viewport = { width: 1100, height: 900 }, lang, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport, ...contextOptions });
  const errors = [];
  const requests = [];
  host.body = cityPage(maps, { lang });
  const page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(HOST);
  for (const { id } of maps) await page.frameLocator(`#${id}`).locator('.marker').first().waitFor();
  const frame = (id) => page.frameLocator(`#${id}`);
  return { context, page, frame, errors, requests };
}

/** The messages the host script has passed on so far, of one type (and one map). */
const heard = (page, type, frame) => page.evaluate(([type, frame]) => heard.filter((m) => m.type === type && (!frame || m.frame === frame)), [type, frame]);

/** Posts `message` from the city page to the map iframe `id`, as a page's own script would. */
const postFromPage = (page, id, message) => page.evaluate(([id, message, origin]) => {
  document.getElementById(id).contentWindow.postMessage(message, origin);
}, [id, message, new URL(BASE_URL).origin]);

test('the host script sizes the iframe from the map\'s height message, and the page neither scrolls nor loses focus', async () => {
  const query = `?embed=1&height=auto&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors, requests } = await openCityPage([{ id: 'map', query }]);
  try {
    await page.waitForFunction(() => heard.some((m) => m.type === 'ready'));
    await page.waitForTimeout(500);
    const elsewhere = requests.filter((url) => !url.startsWith(HOST) && !url.startsWith(BASE_URL));
    assert.deepEqual(elsewhere, [], 'the page and the embed ask no third party for anything');
    const heights = await heard(page, 'height', 'map');
    assert.ok(heights.length > 0, 'the map told its height');
    const asked = heights.at(-1).height;
    const actual = await page.locator('#map').evaluate((f) => f.getBoundingClientRect().height);
    assert.ok(Math.abs(actual - asked) <= 2, `the iframe is ${actual} px tall, the map asked for ${asked}`);
    // Header and a map of 3/4 of the width (720 px → 540), so it is more than its first 480.
    assert.ok(asked > 540 && asked < 540 + 320, `a sensible height: ${asked}`);
    assert.equal(await page.evaluate(() => scrollY), 0, 'the page has not scrolled');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search', 'the page keeps its focus');
    // The address has no language: the page's (sv) reaches the map through the host script.
    await frame('map').locator('html[lang="sv"]').waitFor();
    await page.waitForFunction(() => heard.some((m) => m.type === 'language' && m.language === 'sv'));
    const ready = (await heard(page, 'ready', 'map'))[0];
    assert.ok(ready.url.startsWith(BASE_URL) && !/embed=|origins=|height=/.test(ready.url), ready.url);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the page sets the language, opens a record, sets filters and fits an area by message; the map reports back', async () => {
  const query = `?embed=1&lang=en&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors } = await openCityPage([{ id: 'map', query }]);
  try {
    await page.waitForFunction(() => heard.some((m) => m.type === 'ready'));
    const map = frame('map');
    assert.equal(await map.locator('html').getAttribute('lang'), 'en', 'the address\'s language wins over the page\'s hint');
    await page.evaluate(() => InnoMap.setLanguage('#map', 'fi'));
    await map.locator('html[lang="fi"]').waitFor();
    assert.equal(await map.locator('.app-title__tagline').textContent(), 'Suomen innokaupungit ja niiden kumppanit');
    await page.evaluate(() => InnoMap.open('#map', 'oulu'));
    await map.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search', 'opening by message takes no focus from the page');
    await page.waitForFunction(() => heard.some((m) => m.type === 'selection' && m.id === 'oulu'));
    const selection = (await heard(page, 'selection', 'map')).at(-1);
    assert.equal(selection.record, 'place');
    assert.equal(selection.name, 'Oulu');
    assert.match(selection.url, /open=oulu/);
    assert.ok((await heard(page, 'language', 'map')).some((m) => m.language === 'fi'), 'the language change was told');
    await page.evaluate(() => InnoMap.setFilters('#map', { kinds: ['innocity'] }));
    await map.locator('.map .marker--partner').first().waitFor({ state: 'detached' });
    assert.ok(await map.locator('.map .marker--innocity').count() > 0, 'the InnoCities stay');
    await page.evaluate(() => InnoMap.open('#map', null));
    await map.locator('.panel').waitFor({ state: 'detached' });
    // Fit Central Europe (the free map beside the header card): the view flies there, and
    // where it comes to rest is told.
    await page.evaluate(() => InnoMap.fit('#map', [2, 45, 16, 52]));
    await page.waitForFunction(() => heard.some((m) => {
      if (m.type !== 'view') return false;
      const [, lat, lon] = m.map.split('/').map(Number);
      return lat > 44 && lat < 56 && lon > 2 && lon < 16;
    }), null, { timeout: 10000 });
    await screenshot(page, 'embed-host-messages');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('messages from another origin or another window, malformed and oversized ones change nothing and log no error', async () => {
  // The first map lists another site as its only partner; the second lists this page.
  const strangerOnly = `?embed=1&lang=en&origins=${encodeURIComponent('https://www.example-city.fi')}`;
  const listed = `?embed=1&lang=en&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors } = await openCityPage([{ id: 'a', query: strangerOnly }, { id: 'b', query: listed }]);
  try {
    const unchanged = async (id) => {
      await page.waitForTimeout(400);
      assert.equal(await frame(id).locator('html').getAttribute('lang'), 'en', `${id}: language unchanged`);
      assert.equal(await frame(id).locator('.panel').count(), 0, `${id}: no panel opened`);
    };
    // From the parent, but not from a listed origin.
    await postFromPage(page, 'a', { innomap: 1, type: 'set-language', language: 'fi' });
    await postFromPage(page, 'a', { innomap: 1, type: 'open', id: 'oulu' });
    await unchanged('a');
    assert.equal((await heard(page, 'ready', 'a')).length, 0, 'a map that does not list this page tells it nothing but its height');
    // From another window (the other map), which is not the parent.
    const other = page.frames().find((f) => f.url().includes(encodeURIComponent(HOST_ORIGIN)));
    await other.evaluate(() => parent.frames[0].postMessage({ innomap: 1, type: 'set-language', language: 'fi' }, '*'));
    await unchanged('a');
    // Malformed and oversized, from the listed parent.
    for (const message of [
      { innomap: 1, type: 'open', id: 42 },
      { innomap: 1, type: 'open', id: '<img src=x onerror=alert(1)>' },
      { innomap: 1, type: 'set-language', language: 'de' },
      { innomap: 1, type: 'set-filters', kinds: ['spaceport'] },
      { innomap: 1, type: 'fit', bbox: [0, 90, 10, -90] },
      { innomap: 2, type: 'set-language', language: 'fi' },
      { innomap: 1, type: 'launch' },
      'set-language fi',
      { innomap: 1, type: 'set-language', language: 'fi', padding: 'x'.repeat(5000) },
    ]) {
      await postFromPage(page, 'b', message);
    }
    await unchanged('b');
    // And the channel works: a good message from the listed parent is obeyed.
    await postFromPage(page, 'b', { innomap: 1, type: 'set-language', language: 'fi' });
    await frame('b').locator('html[lang="fi"]').waitFor();
    assert.deepEqual(errors, [], 'no console error or warning on the page or in the maps');
  } finally {
    await context.close();
  }
});

test('"Open the full map" carries the embed\'s whole state, without the embed\'s own options', async () => {
  const query = `?embed=1&lang=sv&controls=minimal&scheme=dark&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame } = await openCityPage([{ id: 'map', query }]);
  try {
    await page.waitForFunction(() => heard.some((m) => m.type === 'ready'));
    await page.evaluate(() => InnoMap.setFilters('#map', { themes: ['theme-digital-health'], countries: ['FI'] }));
    await page.evaluate(() => InnoMap.open('#map', 'oulu'));
    await frame('map').locator('.panel h2', { hasText: 'Uleåborg' }).waitFor();
    await page.waitForTimeout(600);
    const link = frame('map').locator('a.attribution__full-map');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    const href = new URL(await link.getAttribute('href'));
    const params = href.searchParams;
    assert.equal(params.get('lang'), 'sv');
    assert.equal(params.get('open'), 'oulu');
    assert.equal(params.get('themes'), 'theme-digital-health');
    assert.equal(params.get('countries'), 'FI');
    assert.match(params.get('map') ?? '', /^\d+(\.\d+)?\/-?\d+(\.\d+)?\/-?\d+(\.\d+)?$/);
    for (const name of ['embed', 'controls', 'scheme', 'origins', 'height', 'gestures']) assert.ok(!params.has(name), `no ${name}= in ${href}`);
    // Opened on its own, it shows the same.
    const [full] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await full.locator('.panel h2', { hasText: 'Uleåborg' }).waitFor();
    assert.equal(await full.locator('html').getAttribute('lang'), 'sv');
    assert.equal(await full.locator('.app--embed').count(), 0, 'the full app, not an embed');
    assert.ok(await full.locator('.search__input').isVisible(), 'with all its controls');
  } finally {
    await context.close();
  }
});

test('two embeds in different languages on one page stay independent', async () => {
  const origins = `&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors } = await openCityPage([
    { id: 'fi', query: `?embed=1&lang=fi${origins}`, width: 520 },
    { id: 'sv', query: `?embed=1&lang=sv&open=tampere${origins}`, width: 520 },
    // Both in sight: a browser does not draw an iframe out of sight, and the map builds its
    // panel after its first frame is drawn.
  ], { lang: 'en', viewport: { width: 1100, height: 1700 } });
  try {
    await frame('sv').locator('.panel h2', { hasText: 'Tammerfors' }).waitFor();
    assert.equal(await frame('fi').locator('html').getAttribute('lang'), 'fi');
    assert.equal(await frame('sv').locator('html').getAttribute('lang'), 'sv');
    assert.equal(await frame('fi').locator('.panel').count(), 0, 'the other embed\'s open panel is not this one\'s');
    await page.evaluate(() => InnoMap.open('#fi', 'oulu'));
    await frame('fi').locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    await frame('sv').getByRole('button', { name: 'English' }).click();
    await frame('sv').locator('html[lang="en"]').waitFor();
    await page.waitForTimeout(300);
    assert.equal(await frame('fi').locator('html').getAttribute('lang'), 'fi', 'a language chosen in one embed stays there');
    assert.equal(await frame('sv').locator('.panel h2').textContent(), 'Tampere', 'and each keeps its own panel');
    assert.equal(await frame('fi').locator('.panel h2').textContent(), 'Oulu');
    const selections = await heard(page, 'selection');
    assert.deepEqual(selections.map((m) => [m.frame, m.id]), [['fi', 'oulu']], 'each message names its own iframe');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('on a touch screen one finger scrolls the page over a cooperative embed and two fingers move the map', async () => {
  const query = `?embed=1&lang=en&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame } = await openCityPage([{ id: 'map', query, width: 390 }], {
    viewport: { width: 390, height: 844 },
    contextOptions: { hasTouch: true, isMobile: true },
  });
  try {
    await page.evaluate(() => document.getElementById('map').scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    await page.waitForFunction(() => heard.some((m) => m.type === 'view'));
    const viewsBefore = (await heard(page, 'view', 'map')).length;
    const box = await page.locator('#map').boundingBox();
    const cdp = await context.newCDPSession(page);
    const touch = async (type, points) => cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
    });
    const x = box.x + box.width * 0.7;
    const y = box.y + box.height * 0.75;
    // One finger, upwards: the page scrolls down.
    const scrolled = await page.evaluate(() => scrollY);
    await touch('touchStart', [[x, y]]);
    for (let step = 1; step <= 10; step += 1) await touch('touchMove', [[x, y - step * 20]]);
    await touch('touchEnd', []);
    await page.waitForFunction((from) => scrollY > from + 50, scrolled, { timeout: 5000 });
    await page.waitForTimeout(600);
    assert.equal((await heard(page, 'view', 'map')).length, viewsBefore, 'one finger leaves the map where it was');
    await frame('map').locator('.map-hint:not([hidden])').waitFor();
    // Two fingers, sideways: the map pans, the page stays.
    const pageScroll = await page.evaluate(() => scrollY);
    const again = await page.locator('#map').boundingBox();
    const y2 = again.y + again.height * 0.6;
    await touch('touchStart', [[x - 40, y2], [x + 40, y2]]);
    for (let step = 1; step <= 10; step += 1) await touch('touchMove', [[x - 40 - step * 15, y2], [x + 40 - step * 15, y2]]);
    await touch('touchEnd', []);
    await page.waitForFunction((n) => heard.filter((m) => m.type === 'view').length > n, viewsBefore, { timeout: 5000 });
    assert.ok(Math.abs(await page.evaluate(() => scrollY) - pageScroll) < 5, 'two fingers leave the page where it was');
  } finally {
    await context.close();
  }
});

test('in a narrow column (320 and 360 px) and a wide one the embed keeps everything inside; axe finds nothing', async () => {
  for (const width of [320, 360, 900]) {
    const query = `?embed=1&lang=fi&open=oulu&height=auto&origins=${encodeURIComponent(HOST_ORIGIN)}`;
    const { context, page, frame, errors } = await openCityPage([{ id: 'map', query, width }], {
      viewport: { width: Math.max(width + 40, 390), height: 900 },
      lang: 'fi',
      contextOptions: { bypassCSP: true },
    });
    try {
      const map = frame('map');
      await map.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
      await page.evaluate(() => document.getElementById('map').scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(500);
      const app = page.frames().find((f) => f.url().startsWith(BASE_URL));
      const overflow = await app.evaluate(() => {
        const root = document.documentElement;
        const out = [...document.querySelectorAll('.app-title, .panel, .map-controls, .legend, .attribution')]
          .filter((e) => e.getClientRects().length > 0)
          .map((e) => [e.className, e.getBoundingClientRect()])
          .filter(([, r]) => r.left < -1 || r.right > root.clientWidth + 1)
          .map(([name, r]) => `${name} ${Math.round(r.left)}..${Math.round(r.right)}`);
        return { scroll: root.scrollWidth - root.clientWidth, out };
      });
      assert.equal(overflow.scroll, 0, `${width}px: nothing scrolls sideways`);
      assert.deepEqual(overflow.out, [], `${width}px: every card inside`);
      assert.ok(await map.locator('.panel h2').isVisible(), `${width}px: the panel shows`);
      await screenshot(page, `embed-column-${width}`);
      assert.deepEqual(await axeViolations(app), [], `${width}px: axe`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('inside the iframe the keyboard works once the visitor is in the map, and "Back to …" walks back in the embed, not the page', async () => {
  const query = `?embed=1&lang=en&open=kokkola&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors } = await openCityPage([{ id: 'map', query }]);
  try {
    const map = frame('map');
    const panel = map.locator('.panel');
    await panel.locator('h2', { hasText: 'Kokkola' }).waitFor();
    const hostAddress = page.url();
    const steps = await page.evaluate(() => history.length);
    // Into a project, then back along the panel's own link.
    await panel.locator('a.panel__link[data-opens="project"]').first().click();
    await panel.locator('.panel__back').waitFor();
    assert.match(await panel.locator('.panel__back').textContent(), /Back to Kokkola/);
    await panel.locator('.panel__back').click();
    await panel.locator('h2', { hasText: 'Kokkola' }).waitFor();
    assert.equal(page.url(), hostAddress, 'the page around the map did not go back');
    assert.equal(await page.evaluate(() => history.length), steps, 'the embed added no step to the page\'s history');
    // The keyboard, once the visitor has clicked into the map: + zooms in. First the flight
    // back to Kokkola comes to rest (no new view for a while).
    await page.waitForFunction(() => heard.some((m) => m.type === 'view'));
    let views = -1;
    while (views !== (await heard(page, 'view', 'map')).length) {
      views = (await heard(page, 'view', 'map')).length;
      await page.waitForTimeout(700);
    }
    const before = Number((await heard(page, 'view', 'map')).at(-1).map.split('/')[0]);
    await map.locator('.map').focus();
    const scrolled = await page.evaluate(() => scrollY);
    await page.keyboard.press('+');
    await page.waitForFunction((zoom) => heard.some((m) => m.type === 'view' && Number(m.map.split('/')[0]) > zoom + 0.5), before, { timeout: 5000 });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => scrollY), scrolled, 'keys in the map do not scroll the page');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the embed\'s full-screen button shows the map on the whole screen and back, where the iframe allows it', async () => {
  const query = `?embed=1&lang=en&origins=${encodeURIComponent(HOST_ORIGIN)}`;
  const { context, page, frame, errors } = await openCityPage([{ id: 'map', query }]);
  try {
    const button = frame('map').getByRole('button', { name: 'Full screen' });
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    await frame('map').locator('.map-controls__fullscreen[aria-pressed="true"]').waitFor();
    const app = page.frames().find((f) => f.url().startsWith(BASE_URL));
    assert.equal(await app.evaluate(() => document.fullscreenElement === document.documentElement), true);
    await button.click();
    await frame('map').locator('.map-controls__fullscreen[aria-pressed="false"]').waitFor();
    assert.equal(await app.evaluate(() => document.fullscreenElement), null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
  // Without `allow="fullscreen"` the browser refuses, and the button is not offered.
  const bare = await browser.newContext();
  try {
    host.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page</title></head><body>
<iframe id="map" title="InnoMap" src="${BASE_URL}?embed=1" style="width:600px;height:480px;border:0"></iframe></body></html>`;
    const page = await bare.newPage();
    await page.goto(HOST);
    await page.frameLocator('#map').locator('.marker').first().waitFor();
    assert.equal(await page.frameLocator('#map').locator('.map-controls__fullscreen').count(), 0);
    assert.ok(await page.frameLocator('#map').getByRole('button', { name: 'Zoom in' }).isVisible());
  } finally {
    await bare.close();
  }
});
