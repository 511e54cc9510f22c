// Another data file (issue 17): a page chooses one by address (`data=`), or a city's web editor
// opens a local file to check it before publishing. The city's server is a routed https origin
// here. A site that lists that origin in its policy's connect-src is stood in for by bypassing
// the app's policy for the test (as the tile server tests do); the last test keeps the policy and
// checks that the policy's refusal is said in plain words. Each outcome is a clear message, no
// panic, and the valid records of a broken file still show with each problem listed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

import { BASE_URL, launchBrowser, openApp, screenshot } from './support.mjs';

let browser;
// A real server on another loopback origin that does not share its file (no CORS header): a
// routed answer is not checked for CORS by the browser, a real one is.
let unsharing;
let UNSHARED;
before(async () => {
  browser = await launchBrowser();
  unsharing = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/geo+json' });
    response.end(JSON.stringify(cityFile));
  });
  await new Promise((resolve) => unsharing.listen(0, '127.0.0.1', resolve));
  UNSHARED = `http://localhost:${unsharing.address().port}/places.geojson`;
});
after(async () => { await browser?.close(); unsharing?.close(); });

const CITY = 'https://data.example-city.test';

const record = (id, properties, geometry = null) => ({ type: 'Feature', id, geometry, properties: { sources: [{ title: 'Test source', publisher: 'Example City' }], checked: '2026-12-01', ...properties } });
const names = (en, fi = en, sv = en) => ({ en, fi, sv });
/** A city's own file: one InnoCity, one partner, and a broken third place (no coordinates). */
const cityFile = {
  type: 'FeatureCollection',
  features: [
    record('agreement-testby', { record: 'agreement', name: names('Testby agreement'), members: ['testby'] }),
    record('testby', { record: 'place', kind: 'innocity', country: 'FI', agreement: 'agreement-testby', name: names('Testby', 'Testikylä', 'Testby') }, { type: 'Point', coordinates: [25.0, 62.0] }),
    record('partnerstad', { record: 'place', kind: 'partner', country: 'SE', name: names('Partnerstad') }, { type: 'Point', coordinates: [18.0, 59.3] }),
    record('lost-place', { record: 'place', kind: 'partner', country: 'DE', name: names('Lost place') }, { type: 'Point', coordinates: [] }),
  ],
};

/** Serves `answer(route)` for every request to the city's server, counting them. */
function cityServer(answer) {
  const asked = [];
  const prepare = (context) => context.route(`${CITY}/**`, (route) => {
    asked.push(route.request().url());
    return answer(route);
  });
  return { asked, prepare };
}
const shared = { 'access-control-allow-origin': '*' };

test('a city\'s own file by address: valid records show, the broken one is listed, the bundled data is not fetched', async () => {
  const server = cityServer((route) => route.fulfill({ status: 200, contentType: 'application/geo+json', headers: shared, body: JSON.stringify(cityFile) }));
  const query = `?data=${encodeURIComponent(`${CITY}/innomap/places.geojson`)}`;
  const { context, page, errors, warnings, requests } = await openApp(browser, { query, prepare: server.prepare, contextOptions: { bypassCSP: true } });
  try {
    // The home view fits the file's one InnoCity; everything shows both places.
    await page.getByRole('button', { name: 'Show everything' }).click();
    await page.locator('.map .marker[data-place-id="partnerstad"]').waitFor();
    assert.deepEqual(await page.locator('.map .marker').evaluateAll((m) => m.map((e) => e.dataset.placeId).sort()), ['partnerstad', 'testby']);
    const problems = page.locator('.skipped');
    assert.match(await problems.locator('summary').textContent(), /1 error/);
    await problems.locator('summary').click();
    const listed = await problems.locator('li').allTextContents();
    assert.equal(listed.length, 1);
    assert.match(listed[0], /lost-place/, `the problem names the record: ${listed[0]}`);
    assert.match(listed[0], /coordinates/, `and the field: ${listed[0]}`);
    assert.ok(!requests.some((url) => url.includes('data/innocities.geojson')), 'the bundled data was neither preloaded nor fetched');
    assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'no unused-preload warning');
    assert.ok(new URL(page.url()).searchParams.get('data'), 'links keep the file');
    await screenshot(page, 'custom-data-broken-record');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('each failure of a chosen file is said in plain words, with Try again, and never panics', async () => {
  const tooLarge = 'x'.repeat(16 * 1024 * 1024 + 10);
  const cases = [
    { name: '404', path: 'missing.geojson', answer: (r) => r.fulfill({ status: 404, headers: shared, body: 'Not here' }), says: /was not found \(the server answered 404.*\)\. Check the address\./ },
    { name: 'not JSON', path: 'page.html', answer: (r) => r.fulfill({ status: 200, contentType: 'text/html', headers: shared, body: '<!doctype html><p>Welcome</p>' }), says: /is not InnoMap data: the file is not valid JSON/ },
    { name: 'too large', path: 'huge.geojson', answer: (r) => r.fulfill({ status: 200, headers: shared, body: tooLarge }), says: /is too large: the map reads files of at most 16 MB/ },
    { name: 'no CORS', url: () => UNSHARED, answer: (r) => r.abort(), says: /does not let other sites read it\. The server must send the Access-Control-Allow-Origin header/ },
    { name: 'http', url: 'http://data.example-city.test/places.geojson', answer: (r) => r.abort(), says: /begins with http instead of https/, noRequest: true },
    { name: 'javascript', url: 'javascript:alert(1)', answer: (r) => r.abort(), says: /a javascript: address is not a web address/, noRequest: true },
  ];
  for (const c of cases) {
    const server = cityServer(c.answer);
    const url = typeof c.url === 'function' ? c.url() : c.url ?? `${CITY}/${c.path}`;
    const { context, page, errors } = await openApp(browser, { query: `?data=${encodeURIComponent(url)}`, prepare: server.prepare, waitForMarkers: false, contextOptions: { bypassCSP: true } });
    try {
      const notice = page.locator('.notice--error[role="alert"]');
      await notice.waitFor({ timeout: 15_000 }).catch(async (e) => {
        throw new Error(`${c.name}: no error notice (${await page.locator('.notice').allTextContents()}) ${e.message}`);
      });
      const said = await notice.locator('.notice__detail').textContent();
      assert.match(said, c.says, `${c.name}: ${said}`);
      assert.ok(await notice.getByRole('button', { name: 'Try again' }).isVisible(), `${c.name}: Try again`);
      if (c.noRequest) assert.equal(server.asked.length, 0, `${c.name}: nothing was asked of the server`);
      if (c.name === '404') await screenshot(page, 'custom-data-404');
      const unexpected = errors.filter((e) => !/Failed to load resource|CORS|Access-Control-Allow-Origin|net::ERR/.test(e));
      assert.deepEqual(unexpected, [], `${c.name}: no panic or other error`);
    } finally {
      await context.close();
    }
  }
});

test('a server that never answers is given up on after 20 seconds, in plain words', async () => {
  // The request is held, never answered.
  const server = cityServer(() => new Promise(() => {}));
  const { context, page, errors } = await openApp(browser, { query: `?data=${encodeURIComponent(`${CITY}/slow.geojson`)}`, prepare: server.prepare, waitForMarkers: false, contextOptions: { bypassCSP: true } });
  try {
    const started = Date.now();
    const notice = page.locator('.notice--error');
    await notice.waitFor({ timeout: 40_000 });
    const waited = (Date.now() - started) / 1000;
    assert.match(await notice.locator('.notice__detail').textContent(), /The file https:\/\/data\.example-city\.test\/slow\.geojson did not load within 20 seconds\. Check your network connection and try again\./);
    assert.ok(waited > 15 && waited < 35, `given up after ${waited} s`);
    assert.ok(await notice.getByRole('button', { name: 'Try again' }).isVisible());
    assert.deepEqual(errors.filter((e) => !/Failed to load resource|net::ERR/.test(e)), []);
  } finally {
    await context.close();
  }
});

test('Try again fetches the file again once the server has it', async () => {
  let ready = false;
  const server = cityServer((route) => (ready
    ? route.fulfill({ status: 200, contentType: 'application/geo+json', headers: shared, body: JSON.stringify(cityFile) })
    : route.fulfill({ status: 503, headers: shared, body: 'Busy' })));
  const { context, page } = await openApp(browser, { query: `?data=${encodeURIComponent(`${CITY}/later.geojson`)}`, prepare: server.prepare, waitForMarkers: false, contextOptions: { bypassCSP: true } });
  try {
    const notice = page.locator('.notice--error');
    await notice.waitFor();
    assert.match(await notice.textContent(), /The server had a problem with the file .* \(it answered 503 Service Unavailable\)\. Try again later\./);
    ready = true;
    await notice.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.map .marker[data-place-id="testby"]').waitFor();
    assert.equal(server.asked.length, 2);
  } finally {
    await context.close();
  }
});

test('under the site\'s own policy a file from a server it does not list is refused, and the visitor is told why', async () => {
  const server = cityServer((route) => route.fulfill({ status: 200, contentType: 'application/geo+json', headers: shared, body: JSON.stringify(cityFile) }));
  const { context, page } = await openApp(browser, { query: `?data=${encodeURIComponent(`${CITY}/places.geojson`)}`, prepare: server.prepare, waitForMarkers: false });
  try {
    const notice = page.locator('.notice--error');
    await notice.waitFor();
    assert.match(await notice.locator('.notice__detail').textContent(), /This site's security settings do not allow loading the file .*connect-src/);
    assert.equal(server.asked.length, 0, 'the policy kept the request from leaving');
  } finally {
    await context.close();
  }
});

test('a web editor checks a local file by the picker or by dropping it: read in the browser, problems listed, and back', async () => {
  const { context, page, errors, requests } = await openApp(browser);
  try {
    const before = await page.locator('.map .marker').count();
    await page.locator('.tools > summary').click();
    await page.locator('.check-file__input').setInputFiles({ name: 'our-places.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(cityFile)) });
    const banner = page.locator('.data-file[role="status"]');
    await banner.locator('.data-file__what').waitFor();
    assert.equal(await banner.locator('.data-file__what').textContent(), 'The map shows your file our-places.geojson. It was read in this browser and not uploaded.');
    await page.locator('.map .marker[data-place-id="testby"]').waitFor();
    await page.getByRole('button', { name: 'Show everything' }).click();
    await page.locator('.map .marker[data-place-id="partnerstad"]').waitFor();
    assert.equal(await page.locator('.map .marker').count(), 2);
    assert.match(await page.locator('.skipped summary').textContent(), /1 error/);
    await screenshot(page, 'custom-data-local-file');
    assert.ok(!requests.some((url) => url.includes('our-places')), 'the file was never sent anywhere');
    await banner.getByRole('button', { name: "Back to the map's own data" }).click();
    await page.locator('.map .marker[data-place-id="oulu"], .map .marker--group').first().waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('.map .marker').length === n, before);
    assert.ok(await banner.isHidden(), 'the banner goes with the file');
    // Dropped on the page, a file that is not JSON at all: the map stays, and says why.
    await page.evaluate(() => {
      const carried = new DataTransfer();
      carried.items.add(new File(['this is not json'], 'notes.txt', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: carried, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: carried, cancelable: true }));
    });
    await banner.locator('.data-file__error').waitFor();
    assert.match(await banner.locator('.data-file__error').textContent(), /The file notes\.txt is not InnoMap data: the file is not valid JSON/);
    assert.equal(await page.locator('.map .marker').count(), before, 'the map keeps its data');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
