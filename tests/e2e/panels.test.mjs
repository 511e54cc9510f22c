// The detail panels (place, project, theme) and what they lead to: names that open other panels
// with real addresses, budgets written per language, unknown facts said to be unknown, safe
// external links, Escape returning focus; projects in the list; and the map as an SVG image.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { BASE_URL, launchBrowser, openApp, settle, screenshot, reveal, axeViolations, bundledData, parameters, addressHas, resolvedColour, partnersApart } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The value of the panel's fact labelled `label`, with no-break spaces made plain. */
async function fact(page, label) {
  const row = page.locator('.panel__fact', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  return (await row.locator('dd').textContent()).replace(/\u00a0/g, ' ');
}
const battery = bundledData.features.find((f) => f.id === 'battery-chemistry-lead-project');

test('a project panel opens from its lead city, lists lead, partners, period and budget per language, and its names open their own panels', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?open=kokkola', contextOptions: { bypassCSP: true } });
  try {
    const panel = page.locator('.panel');
    await panel.locator('h2', { hasText: 'Kokkola' }).waitFor();
    // The place panel: agreement, themes and organisations as links, projects with their role.
    assert.match(await fact(page, 'Themes'), /Battery chemistry/);
    assert.ok(await panel.locator('a.panel__link[data-opens="organisation"]').count() > 0, 'organisations in Kokkola are listed');
    const projectLink = panel.locator(`li[data-project-id="${battery.id}"] a.panel__link`);
    assert.match(await projectLink.getAttribute('href'), new RegExp(`open=${battery.id}`), 'the link has a real address');
    await projectLink.click();

    await panel.locator('h2', { hasText: 'Battery chemistry lead project' }).waitFor();
    assert.equal(await panel.getAttribute('data-record'), 'project');
    await addressHas(page, 'open', battery.id);
    assert.equal(parameters(page).get('project'), battery.id, 'opening a project draws its links');
    await page.locator('.arcs .arc--strong').first().waitFor();
    assert.equal(await page.locator('.arcs .arc--strong').count(), partnersApart(battery).length);
    await page.waitForFunction(() => document.activeElement?.id === 'detail-panel-title'); // focus moves to the new panel
    // The map fits the lead and every partner place into the part the panel and header leave free.
    await page.waitForTimeout(300);
    await settle(page);
    const panelBox = await panel.boundingBox();
    const headerBox = await page.locator('.app-title').boundingBox();
    const mapBox = await page.locator('.map').boundingBox();
    // Every arc's two ends (lead and partner), read from its path data in map coordinates.
    const ends = await page.$$eval('.arcs .arc--strong', (paths) => paths.flatMap((p) => {
      const n = p.getAttribute('d').match(/-?\d+(\.\d+)?/g).map(Number);
      return [{ x: n[0], y: n[1] }, { x: n[n.length - 2], y: n[n.length - 1] }];
    }));
    assert.ok(ends.length > 0);
    for (const end of ends) {
      const spot = { x: mapBox.x + end.x, y: mapBox.y + end.y };
      const underHeader = spot.x < headerBox.x + headerBox.width && spot.y < headerBox.y + headerBox.height;
      assert.ok(spot.x < panelBox.x && !underHeader && spot.y > mapBox.y && spot.y < mapBox.y + mapBox.height,
        `an arc end at ${JSON.stringify(spot)} is clear of the panel and the header`);
    }
    assert.equal(await fact(page, 'Budget'), 'EUR 259,188');
    assert.match(await fact(page, 'Public funding'), /^EUR 194,390 \(ERDF and state share\)$/);
    assert.equal(await fact(page, 'Period'), '1 August 2023 – 31 July 2025');
    assert.match(await fact(page, 'Lead'), /^Kokkola/);
    assert.match(await fact(page, 'Theme'), /^Battery chemistry$/);
    const partners = panel.locator('.panel__section', { hasText: 'Partners' }).locator('li');
    assert.equal(await partners.count(), battery.properties.partners.length);
    // External links are http(s) only, open in a new tab, tell the other site nothing.
    const external = panel.locator('a.external');
    assert.ok(await external.count() >= battery.properties.links.length);
    for (const link of await external.all()) {
      assert.match(await link.getAttribute('href'), /^https?:\/\//);
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await link.getAttribute('target'), '_blank');
    }
    assert.deepEqual(await axeViolations(page), [], 'axe on the project panel');
    await screenshot(page, 'panels-project-en');

    // The same amounts in Finnish and Swedish.
    await page.locator('.language-switch__button[lang="fi"]').click();
    await panel.locator('h2', { hasText: 'Akkukemian vetovastuuhanke' }).waitFor();
    assert.equal(await fact(page, 'Budjetti'), '259 188 €');
    assert.equal(await fact(page, 'Kausi'), '1.8.2023 – 31.7.2025');
    await screenshot(page, 'panels-project-fi');
    await page.locator('.language-switch__button[lang="sv"]').click();
    await panel.locator('h2', { hasText: 'Ledningsansvarsprojektet för batterikemi' }).waitFor();
    assert.equal(await fact(page, 'Budget'), '259 188 €');
    assert.equal(await fact(page, 'Period'), '1.8.2023 – 31.7.2025');
    await page.locator('.language-switch__button[lang="en"]').click();

    // A partner's name opens that place; Back returns to the project.
    await panel.locator('.panel__section', { hasText: 'Partners' }).locator('a', { hasText: 'Vaasa' }).click();
    await panel.locator('h2', { hasText: 'Vaasa' }).waitFor();
    await addressHas(page, 'open', 'vaasa');
    assert.equal(parameters(page).get('project'), battery.id, 'the project\'s links stay drawn while following partners');
    await page.goBack();
    await panel.locator('h2', { hasText: 'Battery chemistry lead project' }).waitFor();
    // The theme opens the theme panel.
    await panel.locator('.panel__fact', { hasText: 'Theme' }).locator('a').click();
    await panel.locator('h2', { hasText: 'Battery chemistry' }).waitFor();
    assert.equal(await panel.getAttribute('data-record'), 'theme');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a project with no known budget or period says so rather than showing nothing', async () => {
  const unknown = bundledData.features.find((f) => f.properties.record === 'project' && !f.properties.budget && !f.properties.period?.start);
  const { context, page, errors } = await openApp(browser, { query: `?open=${unknown.id}&lang=fi` });
  try {
    await page.locator('.panel h2').waitFor();
    assert.equal(await fact(page, 'Budjetti'), 'ei tiedossa');
    assert.equal(await fact(page, 'Julkinen rahoitus'), 'ei tiedossa');
    assert.equal(await fact(page, 'Kausi'), 'ei tiedossa');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an address that opens a project without project= still draws its links, in place of the address it was opened with', async () => {
  const { context, page, errors } = await openApp(browser, { query: `?open=${battery.id}` });
  try {
    await page.locator('.panel h2', { hasText: 'Battery chemistry lead project' }).waitFor();
    await page.locator('.arcs .arc--strong').first().waitFor();
    assert.equal(await page.locator('.arcs .arc--strong').count(), partnersApart(battery).length);
    await addressHas(page, 'project', battery.id);
    // As many steps as a page opened on a plain address has: completing the address added none.
    const plain = await context.newPage();
    await plain.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
    await plain.locator('.marker').first().waitFor();
    assert.equal(await page.evaluate(() => history.length), await plain.evaluate(() => history.length), 'no step to go Back through');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a page opened on a project fits the project\'s links clear of its panel and the header, on a desktop and on a phone, each arrow ending at a marker', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const { context, page, errors } = await openApp(browser, { viewport, query: `?open=kokkola&project=${battery.id}` });
    try {
      await page.locator('.arcs .arc--strong').first().waitFor();
      await page.locator('.panel').waitFor();
      // The fit is done once the view rests and its position is in the address.
      await page.waitForFunction(() => new URL(location.href).searchParams.has('map'));
      await settle(page);
      const { ends, heads, markers, covers, map } = await page.evaluate(() => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
        const svg = document.querySelector('.arcs');
        const toScreen = (p) => { const m = svg.getScreenCTM(); return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }; };
        const arcs = [...document.querySelectorAll('.arcs .arc--strong')];
        return {
          ends: arcs.flatMap((a) => [a.getPointAtLength(0), a.getPointAtLength(a.getTotalLength())]).map(toScreen),
          heads: arcs.map((a) => toScreen(a.getPointAtLength(a.getTotalLength()))),
          markers: [...document.querySelectorAll('.marker')].map((m) => { const r = m.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }),
          covers: [...document.querySelectorAll('.panel, .app-title')].map(box),
          map: box(document.querySelector('.map')),
        };
      });
      assert.equal(covers.length, 2, 'the panel and the header are on screen');
      // Every arrow ends at a marker (arcs stop 11 px short of the centre), a partner inside a
      // group at its group: none points at a spot where the map shows nothing.
      for (const head of heads) {
        const nearest = Math.min(...markers.map((m) => Math.hypot(m.x - head.x, m.y - head.y)));
        assert.ok(nearest <= 13, `${viewport.width} px wide: the arrow at ${head.x.toFixed(0)},${head.y.toFixed(0)} is ${nearest.toFixed(1)} px from the nearest marker`);
      }
      for (const end of ends) {
        const where = `${viewport.width} px wide: link end at ${end.x.toFixed(0)},${end.y.toFixed(0)}`;
        assert.ok(end.x >= map.left && end.x <= map.right && end.y >= map.top && end.y <= map.bottom, `${where} is on the map`);
        for (const c of covers) {
          const under = end.x >= c.left && end.x <= c.right && end.y >= c.top && end.y <= c.bottom;
          assert.ok(!under, `${where} is not under ${JSON.stringify(c)}`);
        }
      }
      await screenshot(page, `project-fit-${viewport.width}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('search finds a theme in Finnish; its panel lists exactly what the theme filter shows', async () => {
  const { context, page, errors } = await openApp(browser, { contextOptions: { bypassCSP: true } });
  try {
    const input = page.locator('.search__input');
    await input.click();
    await input.pressSequentially('fotoniikka');
    const option = page.locator('.search__option', { hasText: 'Theme' }).first();
    await option.waitFor();
    assert.match(await option.textContent(), /Photonics/);
    await option.click();
    const panel = page.locator('.panel');
    await panel.locator('h2', { hasText: 'Photonics' }).waitFor();
    assert.equal(await panel.getAttribute('data-record'), 'theme');
    await addressHas(page, 'open', 'theme-photonics');
    const listed = async (record) => panel.locator(`a.panel__link[data-opens="${record}"]`).count();
    const [projects, places, organisations] = [await listed('project'), await listed('place'), await listed('organisation')];
    assert.ok(projects > 0 && places > 0, `${projects} projects, ${places} places`);
    assert.deepEqual(await axeViolations(page), [], 'axe on the theme panel');
    await screenshot(page, 'panels-theme');
    // The theme filter lets through the same numbers.
    await page.locator('.filters summary').click();
    await page.getByRole('checkbox', { name: 'Photonics' }).check();
    const counts = (await page.locator('.filters__result').textContent()).match(/\d+/g).map(Number);
    assert.deepEqual(counts, [places, organisations, projects]);
    // Escape closes the panel and gives focus back to the search field that opened it.
    await panel.locator('h2').focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // Focus moves back in the frame after the panel goes, so wait for it rather than read it at once.
    await page.waitForFunction(() => document.activeElement?.classList.contains('search__input'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('projects in the list open their panel, and Escape returns focus to the line', async () => {
  const { context, page, errors } = await openApp(browser, { query: '?view=list', waitForMarkers: false });
  try {
    const line = page.locator(`.list-view__item[data-project-id="${battery.id}"]`);
    await line.click();
    await page.locator('.panel h2', { hasText: 'Battery chemistry lead project' }).waitFor();
    assert.equal(await line.getAttribute('aria-current'), 'true');
    await addressHas(page, 'open', battery.id);
    assert.equal(parameters(page).get('view'), 'list');
    await page.keyboard.press('Escape');
    await page.waitForFunction((id) => document.activeElement?.dataset.projectId === id, battery.id);
    assert.equal(await line.getAttribute('aria-current'), null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a place opened from its marker gives focus back to the marker when its panel closes', async () => {
  const { context, page, errors } = await openApp(browser);
  try {
    const oulu = await reveal(page, 'oulu', 'Oulu');
    await oulu.focus();
    await page.keyboard.press('Enter');
    await page.locator('.panel h2', { hasText: 'Oulu' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.dataset.placeId === 'oulu');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the map downloads as an SVG image of the current view, in the page\'s colours, that parses back', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const query = `?open=kokkola&project=${battery.id}&lang=fi`;
    const { context, page, errors } = await openApp(browser, { query, contextOptions: { colorScheme } });
    try {
      await page.locator('.arcs .arc--strong').first().waitFor();
      await settle(page);
      const size = await page.locator('.map').boundingBox();
      // The map keeps buttons for markers just outside the view (ready for a pan); the picture
      // has what is inside it.
      const shownOnMap = await page.evaluate(() => {
        const area = document.querySelector('.map').getBoundingClientRect();
        return [...document.querySelectorAll('.marker:not(.marker--fanned)')].filter((marker) => {
          const box = marker.getBoundingClientRect();
          const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
          return x >= area.left && x <= area.right && y >= area.top && y <= area.bottom;
        }).length;
      });
      await page.locator('.downloads summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.downloads__item--image').click()]);
      assert.equal(download.suggestedFilename(), 'innomap-map.svg');
      const svg = readFileSync(await download.path(), 'utf8');
      const seaColour = await resolvedColour(page, '--color-sea');
      const facts = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          width: Number(root.getAttribute('width')),
          height: Number(root.getAttribute('height')),
          lang: root.getAttribute('lang'),
          title: doc.querySelector('title')?.textContent,
          arcs: [...doc.querySelectorAll('path[marker-end]')].length,
          texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
          rectFill: doc.querySelector('rect.sea')?.getAttribute('fill'),
          scripts: doc.querySelectorAll('script').length,
        };
      }, svg);
      assert.equal(facts.error, null, 'the file is well-formed');
      assert.equal(facts.width, Math.round(size.width));
      assert.equal(facts.height, Math.round(size.height));
      assert.equal(facts.lang, 'fi');
      assert.match(facts.title, /^InnoMap – Suomen innokaupungit/);
      assert.equal(facts.arcs, partnersApart(battery).length, 'the project\'s links are drawn');
      assert.ok(facts.texts.includes('SUOMI') || facts.texts.includes('Suomi'), 'country names in Finnish');
      assert.ok(facts.texts.some((t) => t.startsWith('Kokkola')), 'marker labels');
      assert.equal(facts.rectFill, seaColour, `the sea in the ${colorScheme} palette`);
      assert.equal(facts.scripts, 0);
      assert.ok(svg.split('<use').length - 1 >= shownOnMap, 'every marker on the map is in the picture');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('a record opened from a panel starts at its title, and Back returns to where the previous panel was, on a desktop and a phone', async () => {
  const phone = { viewport: { width: 390, height: 844 }, contextOptions: { hasTouch: true, isMobile: true } };
  for (const [device, options] of [['desktop', {}], ['phone', phone]]) {
    const { context, page, errors } = await openApp(browser, { query: `?open=${battery.id}`, ...options });
    try {
      const panel = page.locator('.panel');
      await panel.locator('h2', { hasText: 'Battery chemistry lead project' }).waitFor();
      // Down to the partners, as a visitor reads, then on to one of them.
      const vaasa = panel.locator('.panel__section', { hasText: 'Partners' }).locator('a.panel__link', { hasText: /^Vaasa$/ });
      await vaasa.scrollIntoViewIfNeeded();
      const left = await panel.evaluate((p) => p.scrollTop);
      assert.ok(left > 40, `${device}: the project's panel is scrolled down to its partners (${left} px)`);
      await vaasa.click();
      await panel.locator('h2', { hasText: /^Vaasa$/ }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'detail-panel-title');
      assert.equal(await panel.evaluate((p) => p.scrollTop), 0, `${device}: Vaasa's panel starts at its top`);
      const [title, sheet] = [await panel.locator('h2').boundingBox(), await panel.boundingBox()];
      assert.ok(title.y >= sheet.y && title.y + title.height <= sheet.y + sheet.height, `${device}: the title is in sight`);
      await screenshot(page, `panel-next-record-${device}`);
      // Back: the project's panel, where it was left.
      await page.goBack();
      await panel.locator('h2', { hasText: 'Battery chemistry lead project' }).waitFor();
      await page.waitForFunction((expected) => Math.abs(document.querySelector('.panel').scrollTop - expected) <= 2, left, { timeout: 5_000 });
      // Forward: Vaasa again, at its top as it was left.
      await page.goForward();
      await panel.locator('h2', { hasText: /^Vaasa$/ }).waitFor();
      await page.waitForFunction(() => document.querySelector('.panel').scrollTop === 0, null, { timeout: 5_000 });
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  }
});

test('visits and events open panels of their own, and the panel\'s own "Back to …" link walks back along the names followed', async () => {
  const { context, page, errors } = await openApp(browser, { query: `?open=${battery.id}`, contextOptions: { bypassCSP: true } });
  try {
    const panel = page.locator('.panel');
    const title = panel.locator('h2');
    await title.filter({ hasText: 'Battery chemistry lead project' }).waitFor();
    assert.equal(await panel.locator('.panel__back').count(), 0, 'a panel opened by the address has nothing behind it');
    const visits = panel.locator('.panel__section', { hasText: 'Visits and events' });
    assert.ok(await visits.locator('li').count() >= 3);
    assert.equal(await visits.locator('li').count(), await visits.locator('a.panel__link[data-opens="activity"]').count(), 'every visit and event is a link');
    await visits.locator('a.panel__link', { hasText: 'Study visit to Chemiepark Knapsack' }).click();

    await title.filter({ hasText: 'Study visit to Chemiepark Knapsack' }).waitFor();
    await addressHas(page, 'open', 'study-visit-chemiepark-knapsack');
    assert.equal(await panel.getAttribute('data-record'), 'activity');
    assert.equal(await panel.locator('.panel__kind').textContent(), 'Study visit');
    assert.match(await fact(page, 'Where'), /^Hürth$/);
    assert.match(await fact(page, 'Project'), /^Battery chemistry lead project$/);
    assert.match(await fact(page, 'Taking part'), /Chemiepark Knapsack/);
    const back = panel.locator('a.panel__back');
    assert.equal((await back.textContent()).trim(), '← Back to Battery chemistry lead project');
    assert.match(await back.getAttribute('href'), new RegExp(`open=${battery.id}`), 'a real address, for a new tab');
    assert.deepEqual(await axeViolations(page), [], 'axe on a visit\'s panel');
    await screenshot(page, 'panel-visit');

    await panel.locator('.panel__fact', { hasText: 'Where' }).locator('a.panel__link', { hasText: 'Hürth' }).click();
    await title.filter({ hasText: /^Hürth$/ }).waitFor();
    assert.equal((await back.textContent()).trim(), '← Back to Study visit to Chemiepark Knapsack');

    await back.click();
    await title.filter({ hasText: 'Study visit to Chemiepark Knapsack' }).waitFor();
    await addressHas(page, 'open', 'study-visit-chemiepark-knapsack');
    await back.filter({ hasText: 'Back to Battery chemistry lead project' }).waitFor();
    await back.click();
    await addressHas(page, 'open', battery.id);
    await title.filter({ hasText: 'Battery chemistry lead project' }).waitFor();
    assert.equal(await back.count(), 0, 'back at the first panel');
    // The browser's Forward still knows the way on.
    await page.goForward();
    await addressHas(page, 'open', 'study-visit-chemiepark-knapsack');
    await back.waitFor();
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('a university of applied sciences is named as one in every language, not as a university', async () => {
  for (const [lang, kind] of [['fi', 'ammattikorkeakoulu'], ['sv', 'yrkeshögskola'], ['en', 'university of applied sciences']]) {
    const { context, page, errors } = await openApp(browser, { query: `?open=centria-university-of-applied-sciences&lang=${lang}` });
    try {
      const line = page.locator('.panel .panel__kind');
      await line.waitFor();
      const text = (await line.textContent()).toLowerCase();
      assert.ok(text.endsWith(kind), `${lang}: "${text}" names the kind ${kind}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('sources are cited as a reader expects: title, publisher and date in the page\'s language, never a file path', async () => {
  for (const [language, checked, published] of [['en', 'Sources (checked', '9 April 2024'], ['fi', 'Lähteet (tarkistettu', '9.4.2024'], ['sv', 'Källor (kontrollerade', '9.4.2024']]) {
    const { context, page, errors } = await openApp(browser, { query: `?open=green-electrification-lead-project&lang=${language}`, contextOptions: { bypassCSP: true } });
    try {
      const sources = page.locator('.panel__sources');
      await sources.waitFor();
      await sources.locator('summary').click();
      const summary = await sources.locator('summary').textContent();
      assert.ok(summary.startsWith(checked), summary);
      assert.doesNotMatch(summary, /\d{4}-\d\d-\d\d/, `the checked date is written in the language: ${summary}`);
      if (language !== 'en') assert.match(summary, /\d{1,2}\.\d{1,2}\.\d{4}/, summary);
      const lines = await sources.locator('li').allTextContents();
      assert.ok(lines.length > 0);
      for (const line of lines) assert.doesNotMatch(line, /seeds\/|\.txt\b|[\w-]+\/[\w.-]+\.(txt|pdf|md)\b/, `a source shows no file path: ${line}`);
      const article = lines.find((l) => l.includes('green electrification') && l.includes('Business South Karelia'));
      assert.ok(article, `the article is cited by its title and publisher: ${lines.join(' | ')}`);
      assert.ok(article.includes(published), `with its date (${published}): ${article}`);
      // Only the title of a web source is its link; the publisher and date are plain text.
      for (const link of await sources.locator('a').all()) {
        assert.match(await link.getAttribute('href'), /^https?:\/\//);
        assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      }
      if (language === 'fi') {
        assert.deepEqual(await axeViolations(page), [], 'axe with the sources open');
        await sources.locator('li').last().scrollIntoViewIfNeeded();
        await screenshot(page, 'sources-cited-fi');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
