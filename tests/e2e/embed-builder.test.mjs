// "Embed this map" (issue 17): the dialog a city's web editor opens from "For web editors" in the
// map's credit line. It starts from what the map shows, previews the embed live, and gives the
// code to paste. The test pastes the copied code into a city page on another loopback origin and
// checks that the page shows what the preview showed; the dialog is an accessible modal.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, launchBrowser, openApp, screenshot, axeViolations, startHostPage } from './support.mjs';

let browser;
let host;
let HOST;
before(async () => {
  browser = await launchBrowser();
  host = await startHostPage();
  HOST = host.url;
});
after(async () => { await browser?.close(); host?.close(); });

/** What an embed shows: its language, controls, colour scheme and open panel. */
async function embedShows(frame) {
  await frame.locator('.panel h2').waitFor();
  return {
    lang: await frame.locator('html').getAttribute('lang'),
    classes: (await frame.locator('.app').getAttribute('class')).split(' ').sort().join(' '),
    theme: await frame.locator('html').getAttribute('data-theme'),
    panel: await frame.locator('.panel h2').textContent(),
    search: await frame.locator('.search__input').isVisible(),
  };
}

test('the builder starts from the map, previews the embed live, and its code pasted into a page shows the same', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?lang=fi&open=oulu', contextOptions: { bypassCSP: true } });
  try {
    await page.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    const tools = page.locator('.tools > summary');
    assert.equal(await tools.textContent(), 'Verkkotoimittajille');
    await tools.click();
    await page.getByRole('button', { name: 'Upota tämä kartta' }).click();
    const dialog = page.getByRole('dialog', { name: 'Upota tämä kartta' });
    await dialog.waitFor();
    assert.ok(await dialog.evaluate((d) => d.open && d.matches(':modal')), 'a modal dialog');
    assert.ok(await page.evaluate(() => document.querySelector('dialog').contains(document.activeElement)), 'focus is in the dialog');
    // Tab goes round inside the dialog (the page behind is inert).
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.querySelector('dialog').contains(document.activeElement) || document.activeElement === document.body),
        `Tab ${i + 1} stays in the dialog`);
    }
    // Few controls, dark.
    await dialog.getByLabel('Vähän (zoomaus, selite, paneelit)').check();
    await dialog.getByLabel('Tumma').check();
    const preview = dialog.locator('iframe.embed-builder__frame');
    await page.waitForFunction(() => /controls=minimal/.test(document.querySelector('.embed-builder__frame').src) && /scheme=dark/.test(document.querySelector('.embed-builder__frame').src));
    const previewSrc = await preview.getAttribute('src');
    const params = new URL(previewSrc).searchParams;
    assert.equal(params.get('lang'), 'fi');
    assert.equal(params.get('open'), 'oulu');
    assert.equal(params.get('embed'), '1');
    assert.ok(params.get('map'), 'the current view');
    const previewShows = await embedShows(page.frameLocator('.embed-builder__frame'));
    assert.deepEqual(previewShows, { lang: 'fi', classes: 'app app--controls-minimal app--embed', theme: 'dark', panel: 'Oulu', search: false });
    await screenshot(page, 'embed-builder');
    assert.deepEqual(await axeViolations(page), [], 'axe in the builder dialog');

    // The plain iframe's code, pasted into a city page.
    const code = await dialog.getByLabel('Koodi: tavallinen iframe').inputValue();
    assert.match(code, /^<iframe title="InnoMap: Suomen InnoCities-kaupungit ja niiden kumppanit" src="[^"]+" height="480" width="100%" style="border:0" loading="lazy" allow="fullscreen" referrerpolicy="strict-origin"><\/iframe>$/);
    host.body = `<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Kaupunki</title></head><body><main style="width:720px">${code}</main></body></html>`;
    const city = await context.newPage();
    await city.goto(HOST);
    assert.equal(await city.locator('iframe').getAttribute('src'), previewSrc, 'the same address as the preview');
    const pastedShows = await embedShows(city.frameLocator('iframe'));
    assert.deepEqual(pastedShows, previewShows, 'the page shows what the preview showed');
    await city.close();

    // The responsive code: the same address, marked for the host script, which it loads.
    const responsive = await dialog.getByLabel('Koodi: korkeuteensa sopeutuva iframe (isäntäskriptin kanssa)').inputValue();
    assert.ok(responsive.startsWith('<iframe data-innomap '), responsive);
    assert.ok(responsive.endsWith(`<script src="${BASE_URL}embed.js" async></script>`), responsive);

    // Escape closes the dialog only (the panel stays), and focus goes back to "For web editors".
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Verkkotoimittajille', null, { timeout: 2000 });
    assert.equal(await page.locator('.panel h2').textContent(), 'Oulu');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the builder writes the chosen site addresses and height into the code, and says which entries are not addresses', async () => {
  const { context, page } = await openApp(browser, { query: '?lang=en' });
  try {
    await page.locator('.tools > summary').click();
    await page.getByRole('button', { name: 'Embed this map' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this map' });
    await dialog.waitFor();
    await dialog.getByLabel('Fits the page\'s column (with the host script)').check();
    const origins = dialog.getByLabel('Your site\'s address (optional)');
    await origins.fill('https://www.example.fi, www.example.fi/page');
    await origins.press('Tab');
    await dialog.locator('.embed-builder__problem').waitFor();
    assert.equal(await dialog.locator('.embed-builder__problem').textContent(), 'Not a site address, left out: www.example.fi/page');
    const height = dialog.getByLabel('Height in pixels');
    await height.fill('640');
    await height.press('Tab');
    const code = await dialog.getByLabel('Code: a plain iframe').inputValue();
    const src = new URL(code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
    assert.equal(src.searchParams.get('height'), 'auto');
    assert.equal(src.searchParams.get('origins'), 'https://www.example.fi');
    assert.match(code, / height="640" /);
    // Copying says so.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
    await dialog.getByRole('button', { name: 'Copy code' }).first().click();
    await dialog.getByText('Code copied').first().waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  } finally {
    await context.close();
  }
});
