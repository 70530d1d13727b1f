// The instructor (ux.md): the embed builder's copy-paste snippet, pasted into a course page on
// another origin, sizes the iframe to the lab's own height (down as well as up, without
// creeping); commands from an origin the link does not allow are refused visibly; locked
// fields look locked and unknown lock names are reported; the teacher chooses the
// interventions offered; the demo page shows no NaN after a reset.
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectErrors, linkTo, presetConfig } from './helpers';

/** A course page on a second origin (another port) serving `html`; its origin. */
async function coursePage(html: () => string): Promise<{ origin: string; close(): void }> {
  const server: Server = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><html lang="en"><head><title>Course</title><link rel="icon" href="data:,"></head><body style="margin:0">${html()}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { origin: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** The iframe's CSS height on the course page, in px. */
const iframeHeight = (page: Page) => page.locator('iframe').evaluate((el) => el.getBoundingClientRect().height);

test('the builder’s snippet, pasted on another origin, sizes the iframe to the lab and shrinks it', async ({ page, browser }) => {
  const errors = collectErrors(page);
  const lab = await browser.newPage();
  await lab.goto(linkTo(presetConfig('bandit-pg', { steps: 30 })));
  await lab.getByRole('button', { name: 'Share' }).click();
  const builder = lab.getByRole('group', { name: 'Embed in a course page' });
  await builder.getByRole('group', { name: 'Charts' }).getByRole('checkbox', { name: 'reward' }).uncheck();
  await builder.getByRole('checkbox', { name: 'start playing on load' }).uncheck();
  const snippet = await builder.getByLabel('iframe snippet', { exact: true }).inputValue();
  expect(snippet).toContain("addEventListener('message'");
  await lab.close();
  const course = await coursePage(() => `<h1>Week 6</h1>${snippet}<p id="after">after the lab</p>`);
  try {
    await page.goto(course.origin);
    // 640 px as pasted; one chart and the top bar need far less.
    await expect.poll(() => iframeHeight(page), { timeout: 60_000 }).toBeLessThan(600);
    const shrunk = await iframeHeight(page);
    expect(shrunk).toBeGreaterThan(200);
    await page.screenshot({ path: 'test-results/screenshots/instructor-snippet.png', fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    course.close();
  }
});

test('an embed reports its content height: no creeping with the interventions control, no growing to fill a tall iframe', async ({ page, baseURL }) => {
  const src = (q: string) => `${baseURL}/?embed=1&autoplay=0&${q}${linkTo(presetConfig('bandit-pg', { steps: 30 })).slice(1)}`;
  const course = await coursePage(
    () => `<iframe id="a" style="width:900px;height:300px" src="${src('panels=entropy&controls=play,interventions')}"></iframe>
      <iframe id="b" style="width:900px;height:1400px" src="${src('panels=entropy&controls=play')}"></iframe>
      <script>
        window.heights = { a: [], b: [] };
        addEventListener('message', (e) => {
          for (const id of ['a', 'b']) if (e.source === document.getElementById(id).contentWindow && e.data.type === 'entropy-lab:resize') {
            window.heights[id].push(e.data.height);
            document.getElementById(id).style.height = e.data.height + 'px';
          }
        });
      </script>`,
  );
  try {
    // Both iframes on screen: Chrome throttles rendering (and so ResizeObserver) in a
    // cross-origin iframe scrolled out of view, and a's growth can push b below a 720 px viewport.
    await page.setViewportSize({ width: 1000, height: 2800 });
    await page.goto(course.origin);
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: { b: number[] } }).heights.b.length), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(3000);
    const heights = await page.evaluate(() => (window as unknown as { heights: { a: number[]; b: number[] } }).heights);
    // A handful of messages as the page lays out, not hundreds of one-pixel steps.
    expect(heights.a.length).toBeLessThan(10);
    expect(Math.max(...heights.a)).toBeLessThan(1200);
    // In a 1400 px iframe, one chart reports its own height, not 1400.
    expect(heights.b[heights.b.length - 1]).toBeLessThan(700);
    const settled = await page.evaluate(() => (window as unknown as { heights: { a: number[] } }).heights.a.length);
    await page.waitForTimeout(2000);
    expect(await page.evaluate(() => (window as unknown as { heights: { a: number[] } }).heights.a.length)).toBe(settled);
  } finally {
    course.close();
  }
});

test('locked fields look locked, unknown locks are reported, and the teacher’s interventions are the ones offered', async ({ page }) => {
  const config = presetConfig('tokens-grpo-collapse', { steps: 20, runs: 2 });
  await page.goto(`/?embed=1&autoplay=0&panels=entropy&controls=play,algorithm,interventions&lock=lr,foo&interventions=clipCov,entropyBonus${linkTo(config).slice(1)}`);
  const lr = page.locator('#algorithm-lr');
  await expect(lr).toBeDisabled();
  await expect(page.locator('label[for="algorithm-lr"]')).toContainText('locked');
  await expect(page.locator('#algorithm-groupSize')).toBeEnabled();
  await expect(page.getByRole('alert')).toContainText('lock "foo" is not one of');
  const offered = await page.locator('.interventions input[type="checkbox"]').evaluateAll((cs) => cs.map((c) => c.id));
  expect(offered).toEqual(['iv-entropyBonus', 'iv-clipCov']);
  await page.screenshot({ path: 'test-results/screenshots/instructor-locked.png', fullPage: true });
});

test('the demo course page shows no NaN after a reset', async ({ page }) => {
  await page.goto('/embed-demo.html');
  const frame = page.frameLocator('#lab');
  await expect(frame.getByTestId('step-counter')).toHaveText(/^step 0\//);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.locator('#state')).toContainText('step 1');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.locator('#state')).toContainText('step 0');
  await expect(page.locator('#state')).not.toContainText('NaN');
  // The iframe holds the lab's content, not a fixed 480 px with blank space under it.
  const gap = await page.locator('#lab').evaluate((el) => {
    const doc = (el as HTMLIFrameElement).contentDocument!;
    return el.getBoundingClientRect().height - doc.getElementById('root')!.getBoundingClientRect().height;
  });
  expect(gap).toBeLessThan(8);
});
