// The researcher (ux.md) on a laptop and a phone: the address bar follows the experiment (no
// history entries) and a reload restores it, A/B included; exported charts carry their title,
// the configuration and the permalink; at 1280 × 800 the top bar is one row and four charts fit
// on the screen; expand fills the window and Escape shrinks it; on a 390 × 844 phone the menus
// stay on screen, the header is compact, the settings are a drawer, and nothing scrolls sideways.
import { expect, test, type Page } from '@playwright/test';
import { download, linkTo, panel, presetConfig, waitForDone } from './helpers';

test('the hash follows every change without history entries, and a reload restores it, A/B included', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 20 })));
  await waitForDone(page);
  const entries = await page.evaluate(() => history.length);
  await page.getByLabel('lr', { exact: true }).fill('0.25');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('lr=0.25');
  await page.getByLabel('seed', { exact: true }).fill('3');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('seed=3');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.reload();
  await expect(page.getByLabel('lr', { exact: true })).toHaveValue('0.25');
  await expect(page.getByLabel('seed', { exact: true })).toHaveValue('3');
  // A comparison is in the hash too.
  await page.getByRole('checkbox', { name: 'Entropy bonus' }).check();
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('&vs=');
  await page.reload();
  await expect(page.getByTestId('compare-names')).toContainText('B: + Entropy bonus');
  await expect(page.getByLabel('lr', { exact: true })).toHaveValue('0.25');
});

test('an exported chart carries its title, the configuration and the permalink', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 30 })));
  await waitForDone(page);
  const href = await page.evaluate(() => location.href);
  const svg = (await download(page, 'Export', 'Entropy–reward law as SVG')).body.toString();
  const text = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { texts: [...doc.querySelectorAll('svg > g > text')].map((t) => t.textContent), link: [...doc.querySelectorAll('text.permalink')].map((t) => t.textContent).join(''), href: doc.querySelector('a')?.getAttribute('href') };
  }, svg);
  expect(text.texts[0]).toBe('Entropy Lab · Entropy–reward law');
  expect(text.texts.slice(1).join(' ')).toContain('bandit · pg exact lr 0.5 · 1 runs × 30 steps · seed 1');
  expect(text.link).toBe(href);
  expect(text.href).toBe(href);
  const { name } = await download(page, 'Export', 'Entropy–reward law as PNG');
  expect(name).toMatch(/-law\.png$/);
});

test('at 1280 × 800: one top-bar row, four charts on screen, the badge does not move the layout, expand and Escape work', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const barHeight = async () => (await page.locator('.topbar').boundingBox())!.height;
  const before = await barHeight();
  await expect(page.getByTestId('backend-badge')).not.toContainText('starting');
  expect(await barHeight()).toBe(before);
  expect(before).toBeLessThan(60);
  for (const id of ['entropy', 'reward', 'covariance', 'law']) {
    const box = (await panel(page, id).locator('svg.chart-svg').first().boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(800);
  }
  await page.screenshot({ path: 'test-results/screenshots/researcher-1280.png' });
  const expand = page.getByRole('button', { name: 'Expand Entropy', exact: true });
  await expand.click();
  const big = (await panel(page, 'entropy').boundingBox())!;
  expect(big.width).toBeGreaterThan(1100);
  await page.screenshot({ path: 'test-results/screenshots/researcher-expanded-1280.png' });
  await page.keyboard.press('Escape');
  expect((await panel(page, 'entropy').boundingBox())!.width).toBeLessThan(700);
  await expect(expand).toBeFocused();
});

test('keyboard: a menu closes when focus leaves it, and the export buttons say which chart', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 10 })));
  await page.getByRole('button', { name: 'Export' }).click();
  const region = page.getByRole('region', { name: 'Export' });
  const names = await region.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? b.textContent));
  expect(names).toEqual(expect.arrayContaining(['Entropy as PNG', 'Entropy as SVG', 'Reward and pass@k as PNG', 'Covariance term vs measured ΔH as SVG']));
  expect(new Set(names).size).toBe(names.length);
  await page.getByRole('button', { name: 'Library' }).focus();
  await expect(region).toHaveCount(0);
});

async function phone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
}

test('on a phone: compact header, menus on screen, settings in a drawer, nothing wider than the screen', async ({ page }) => {
  await phone(page);
  expect((await page.locator('.topbar').boundingBox())!.height).toBeLessThan(0.15 * 844);
  for (const menu of ['Share', 'Export', 'Library']) {
    await page.getByRole('button', { name: menu }).click();
    const box = (await page.getByRole('region', { name: menu }).boundingBox())!;
    expect(box.x, menu).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, menu).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
  }
  // The settings wait in a drawer; the first chart is on the first screen.
  await expect(page.locator('#settings')).toBeHidden();
  expect((await panel(page, 'entropy').boundingBox())!.y).toBeLessThan(400);
  const open = page.getByRole('button', { name: 'Settings' });
  await open.click();
  await expect(page.locator('#settings')).toBeVisible();
  const drawer = (await page.locator('#settings').boundingBox())!;
  expect(drawer.x + drawer.width).toBeLessThanOrEqual(390);
  await expect(page.getByRole('button', { name: 'Close settings' })).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/researcher-phone-drawer.png' });
  await page.keyboard.press('Escape');
  await expect(page.locator('#settings')).toBeHidden();
  await expect(open).toBeFocused();
  // Formulas scroll inside their box; the page never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const formula = page.locator('.explain .formula');
  const fits = await formula.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);
  expect(fits).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/researcher-phone.png' });
});
