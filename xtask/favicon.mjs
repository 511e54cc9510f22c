// Renders public/favicon.svg to public/favicon.png (32 × 32 for a tab at 2x, transparent corners) in headless
// Chromium, for `cargo xtask favicon`. The page links the PNG: Chromium fetches and decodes the
// icon again after every change of the page address, and an SVG icon is decoded as a whole SVG
// document each time (3-6 ms of the main thread per map move here), a PNG in about 0.1 ms.

import fs from 'node:fs';
import { launchBrowser } from '../tests/e2e/support.mjs';

const [source, target, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
if (!source || !target || !(size > 0)) throw new Error('usage: node xtask/favicon.mjs <source.svg> <target.png> <size>');
const svg = fs.readFileSync(source, 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })).newPage();
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
  await page.screenshot({ path: target, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
} finally {
  await browser.close();
}
console.log(`    wrote ${target} (${size} × ${size}) from ${source}`);
