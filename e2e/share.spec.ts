// Share, export and the saved-runs library in the browser (issue 7): link round trips, the
// CLI reproducing the UI's CSV, experiment files that import back, valid PNG/SVG exports,
// bad links that only produce messages, and IndexedDB across a reload.
import { expect, test } from '@playwright/test';
import { cliCsv, collectErrors, csvByStep, download, linkTo, presetConfig, tableValue, waitForDone } from './helpers';

test('UI → link → fresh page gives the same config', async ({ page, browser }) => {
  await page.goto(linkTo(presetConfig('bandit-pg')));
  await page.getByLabel('lr', { exact: true }).fill('0.25');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel('Link to this experiment', { exact: true }).inputValue();
  expect(link).toContain('lr=0.25');
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await expect(fresh.getByLabel('lr', { exact: true })).toHaveValue('0.25');
  await fresh.getByRole('button', { name: 'Share' }).click();
  expect(await fresh.getByLabel('Link to this experiment', { exact: true }).inputValue()).toBe(link);
});

test('link → CLI gives the same numbers as the UI’s CSV export, bit for bit on the CPU (Web Workers vs one thread)', async ({ page }) => {
  const config = presetConfig('tokens-grpo-collapse', { steps: 12, runs: 3, backend: 'cpu' });
  await page.goto(`/?threads=2${linkTo(config).slice(1)}`);
  await waitForDone(page);
  await expect(page.getByTestId('backend-badge')).toContainText('CPU (float64, 2 threads)');
  const ui = csvByStep((await download(page, 'Export', 'Metrics CSV')).body.toString());
  const cli = csvByStep(cliCsv(config, '--threads', '1'));
  expect(ui.size).toBe(cli.size);
  for (const [key, row] of cli) {
    for (const [col, value] of Object.entries(row)) expect(ui.get(key)![col], `${col} at ${key}`).toBe(value);
  }
});

test('exported experiment JSON imports back with the same chart data', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-npg', { steps: 40 })));
  await waitForDone(page);
  const entropy = await tableValue(page, 'entropy', 'entropy');
  const ceiling = await tableValue(page, 'law', 'fit.ceiling');
  const file = await download(page, 'Export', 'Whole experiment (JSON)');
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 5 })));
  await waitForDone(page);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel(/^Import/).setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.body });
  await expect(page.getByRole('status').filter({ hasText: 'Loaded' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
  expect(await tableValue(page, 'law', 'fit.ceiling')).toBe(ceiling);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel(/^Import/).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"entropy-lab/experiment"') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toBeVisible();
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
  // The metrics CSV imports back under the same settings with the same numbers.
  await page.keyboard.press('Escape');
  const csv = await download(page, 'Export', 'Metrics CSV');
  await page.goto('about:blank');
  await page.goto(linkTo(presetConfig('bandit-npg', { steps: 40, seed: 99 })));
  await waitForDone(page);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByLabel(/^Import/).setInputFiles({ name: csv.name, mimeType: 'text/csv', buffer: csv.body });
  await expect(page.getByRole('status').filter({ hasText: csv.name })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
});

test('a file dropped on the page imports; a bad one leaves the run alone', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-npg', { steps: 20 })));
  await waitForDone(page);
  const entropy = await tableValue(page, 'entropy', 'entropy');
  const csv = (await download(page, 'Export', 'Metrics CSV')).body.toString();
  const drop = (name: string, text: string) =>
    page.evaluate(
      ([n, t]) => {
        const data = new DataTransfer();
        data.items.add(new File([t], n, { type: 'text/plain' }));
        document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [name, text],
    );
  await drop('bad.csv', 'run,step,entropy\n0,0,1');
  await expect(page.getByRole('alert').filter({ hasText: 'bad.csv: line 1: missing the "reward" column' })).toBeVisible();
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
  const config = presetConfig('bandit-npg', { steps: 20 });
  // A fresh page: going to a link that differs only in its hash would be a hashchange, and the
  // previous run's 'done' could be read before the new run starts.
  await page.goto('about:blank');
  await page.goto(linkTo({ ...config, algorithm: { ...config.algorithm, lr: config.algorithm.lr / 4 } }));
  await waitForDone(page);
  expect(await tableValue(page, 'entropy', 'entropy')).not.toBe(entropy);
  await drop('metrics.csv', csv);
  await expect(page.getByRole('status').filter({ hasText: 'Loaded metrics.csv: 20 steps' })).toBeVisible();
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
});

test('charts export as a PNG at 2× and an SVG of the chart’s size', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 30 })));
  await waitForDone(page);
  const svg = page.locator('[data-chart-id="entropy"] svg').first();
  const width = Number(await svg.getAttribute('width'));
  const height = Number(await svg.getAttribute('height'));
  const png = (await download(page, 'Export', 'Entropy as PNG')).body;
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(2 * width);
  const svgText = (await download(page, 'Export', 'Entropy as SVG')).body.toString();
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, width: doc.documentElement.getAttribute('width'), height: Number(doc.documentElement.getAttribute('height')), paths: doc.querySelectorAll('path').length };
  }, svgText);
  // The chart under its title band, above its caption and permalink.
  expect(parsed).toMatchObject({ error: false, width: String(width) });
  expect(parsed.height).toBeGreaterThan(height + 26);
  expect(png.readUInt32BE(20)).toBe(2 * parsed.height);
  expect(parsed.paths).toBeGreaterThan(2);
});

test('bad links and a bad ?threads= give a message, keep the page working and log no errors', async ({ page }) => {
  const errors = collectErrors(page);
  for (const hash of ['#garbage', '#v=1&arms=-3', '#v=99&env=bandit', '#v=1&env=nope', '#v=1&iv1=unknown&iv1.x=2', '#v=1&lr=abc', '#v=1&%E0%A4%A=1', '#v=1&env=tokens&prompts=1e9']) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('alert').first(), hash).toBeVisible();
    await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  }
  await page.goto('/?threads=all');
  await expect(page.getByRole('alert').first()).toContainText('Option ignored: threads must be a whole number from 1 to 1024 (got "all")');
  await expect(page.getByTestId('step-counter')).not.toHaveText(/^step 0\//);
  expect(errors).toEqual([]);
});

test('saved runs survive a reload; load and delete work', async ({ page }) => {
  await page.goto(linkTo(presetConfig('bandit-npg', { steps: 25 })));
  await waitForDone(page);
  const entropy = await tableValue(page, 'entropy', 'entropy');
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByLabel('Save the current run as').fill('npg bandit');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 5 })));
  await page.reload();
  await waitForDone(page);
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'Load npg bandit' }).click();
  await page.keyboard.press('Escape');
  expect(await tableValue(page, 'entropy', 'entropy')).toBe(entropy);
  await page.getByRole('button', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'Delete npg bandit' }).click();
  await expect(page.getByText('No saved runs in this browser yet.')).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(page.getByText('No saved runs in this browser yet.')).toBeVisible();
});
