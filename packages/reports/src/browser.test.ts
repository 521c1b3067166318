import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { complianceReport } from './__fixtures__/compliance-report.js';
import { expectedMarks, reviewPack } from './__fixtures__/review-pack.js';
import { complianceHtml } from './compliance/render.js';
import { reviewPackHtml } from './review-pack/render.js';
import { timelineSvg } from './timeline/svg.js';

/**
 * The reports rendered by a real browser: the string tests check what we wrote, this checks what a reader sees
 * (the SVG lays out with a size, every mark is in the DOM, the standalone SVG is well-formed XML). It needs a
 * Chromium on the machine and fails, rather than skips, without one: `.ci/run` installs it.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The same names anywhere on PATH, after the usual places: what `.ci/run` checks with `command -v`. */
const onPath = (): ReadonlyArray<string> =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .flatMap((dir) => ['chromium', 'chromium-browser', 'google-chrome'].map((name) => join(dir, name)));

const findChromium = (): string => {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = [...CANDIDATES, ...onPath()].find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `No Chromium found for the report rendering test: set CHROMIUM_PATH, or install one at ${CANDIDATES.join(
        ', ',
      )} or on PATH (on Debian: apt-get install chromium; .ci/run does this when it runs as root or with sudo).`,
    );
  }
  return found;
};

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');
const SCREENSHOT = join(ARTIFACTS, 'review-pack.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('reports in a real browser', { timeout: 60_000 }, () => {
  // Launched by the first test rather than in beforeAll: a hook's failure would be reported as skipped tests,
  // and a missing browser must show up as failures carrying findChromium's message.
  let launched: Promise<Browser> | undefined;
  const newPage = async (options?: BrowserContextOptions): Promise<Page> => {
    launched ??= chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox'] });
    return (await launched).newPage(options);
  };

  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });

  it('lays out the review pack with its timeline and every mark, and screenshots it', async () => {
    const page = await newPage({ viewport: { width: 1100, height: 900 } });
    try {
      await page.setContent(reviewPackHtml(reviewPack), { waitUntil: 'load' });
      const svg = page.locator('svg.timeline');
      await expect(svg.count()).resolves.toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(500);
      expect(box?.height).toBeGreaterThan(200);

      for (const [kind, count] of Object.entries(expectedMarks)) {
        await expect(page.locator(`svg.timeline .mark-${kind}`).count(), kind).resolves.toBe(count);
      }
      const missed = page.locator('svg.timeline .mark-deadline-missed');
      await expect(missed.getAttribute('data-rule')).resolves.toBe('ssw');
      const missedBox = await missed.boundingBox();
      expect(missedBox?.width).toBeGreaterThan(8);
      // Each mark is drawn inside the plot, not off the side of the picture.
      // (An SVGRect does not survive the trip out of the page, so its numbers are copied into a plain object.)
      const clinicBoxes = await page.locator('svg.timeline .mark-clinic').evaluateAll((els) =>
        els.map((el) => {
          const box = (el as unknown as { getBBox(): { x: number; width: number } }).getBBox();
          return { x: box.x, width: box.width };
        }),
      );
      expect(clinicBoxes).toHaveLength(expectedMarks.clinic);
      for (const b of clinicBoxes) {
        expect(b.width).toBeGreaterThan(0);
        expect(b.x).toBeGreaterThan(200);
      }
      await expect(page.locator('section#deadlines tr.missed').count()).resolves.toBe(1);
      await expect(page.locator('script').count()).resolves.toBe(0);
      await expect(page.locator('section#household dd').nth(1).textContent()).resolves.toBe(
        "Sam Brook, O'Brien <b>",
      );

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      const png = readFileSync(SCREENSHOT);
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    } finally {
      await page.close();
    }
  });

  it('parses the standalone timeline as SVG (well-formed XML)', async () => {
    const page = await newPage();
    try {
      const svg = timelineSvg(reviewPack.timeline, reviewPack.period);
      await page.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
      await expect(page.locator('parsererror').count()).resolves.toBe(0);
      await expect(page.locator('svg .mark').count()).resolves.toBe(
        Object.values(expectedMarks).reduce((a, b) => a + b, 0),
      );
    } finally {
      await page.close();
    }
  });

  it('lays out the compliance report', async () => {
    const page = await newPage();
    try {
      await page.setContent(complianceHtml(complianceReport), { waitUntil: 'load' });
      await expect(page.locator('section#by-rule tbody tr').count()).resolves.toBe(
        complianceReport.byRule.length,
      );
      await expect(page.locator('img').count()).resolves.toBe(0);
      const table = await page.locator('section#by-rule table').boundingBox();
      expect(table?.height).toBeGreaterThan(50);
    } finally {
      await page.close();
    }
  });
});
