// Embed mode in a course page (issue 7): the demo page holds the lab in an iframe, receives
// resize and state messages, and its commands work; commands from an origin that is not
// allowed are ignored.
import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectErrors, longCollapseRun } from './helpers';

test('the demo course page sizes the iframe and drives the lab', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/embed-demo.html');
  const frame = page.frameLocator('#lab');
  await expect(frame.locator('[data-chart-id="entropy"] svg').first()).toBeVisible();
  await expect(frame.locator('.settings')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Share' })).toHaveCount(0);
  // Auto-height: the iframe takes the lab's content height from its resize messages.
  await expect.poll(async () => page.locator('#lab').evaluate((el) => (el as HTMLIFrameElement).style.height)).toMatch(/^\d+px$/);
  // A long run first, loaded the way the page's own buttons send commands.
  await page.evaluate((config) => {
    const lab = document.getElementById('lab') as HTMLIFrameElement;
    lab.contentWindow!.postMessage({ type: 'entropy-lab:command', action: 'load', config }, new URL(lab.src, location.href).origin);
  }, longCollapseRun());
  await expect(frame.getByTestId('step-counter')).toHaveText('step 0/100000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('#state')).toContainText(/step [1-9]/);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(frame.locator('.topbar .status')).toHaveText('paused');
  await page.getByRole('button', { name: 'Load: NPG on a bandit' }).click();
  await expect(frame.getByTestId('step-counter')).toHaveText('step 0/200');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(frame.getByTestId('step-counter')).toHaveText('step 1/200');
  expect(errors).toEqual([]);
});

test('commands from an origin that is not allowed are refused with a visible warning', async ({ page, baseURL }) => {
  // A second origin (another port) hosting a page that embeds the lab and sends commands.
  const lab = `${baseURL}/?embed=1&panels=entropy&controls=play&autoplay=0`;
  const server: Server = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><link rel="icon" href="data:,"><iframe id="lab" src="${lab}"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const parentOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    await page.goto(`${parentOrigin}/`);
    const frame = page.frameLocator('#lab');
    await expect(frame.getByTestId('step-counter')).toHaveText(/^step 0\//);
    await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'entropy-lab:command', action: 'play' }, '*'));
    await expect(frame.getByRole('alert')).toContainText(`Ignored a command from ${parentOrigin}`);
    await expect(frame.getByRole('alert')).toContainText(`allow=${parentOrigin}`);
    await expect(frame.getByTestId('step-counter')).toHaveText(/^step 0\//);
    // Allowed by the embed link: the same command is obeyed.
    await page.evaluate((src) => ((document.getElementById('lab') as HTMLIFrameElement).src = `${src.lab}&allow=${src.parentOrigin}`), { lab, parentOrigin });
    // Until the reloaded lab listens, a command may go unheard: send it until it takes.
    await expect
      .poll(async () => {
        await page.evaluate(() => (document.getElementById('lab') as HTMLIFrameElement).contentWindow!.postMessage({ type: 'entropy-lab:command', action: 'play' }, '*'));
        return frame.getByTestId('step-counter').textContent();
      })
      .not.toMatch(/^step 0\//);
  } finally {
    server.close();
  }
});

test('the embed link builder’s link opens an embed with those charts, locks and start step', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#v=1&env=bandit&algo=pg&steps=40');
  await page.getByRole('button', { name: 'Share' }).click();
  const builder = page.getByRole('group', { name: 'Embed in a course page' });
  await builder.getByRole('group', { name: 'Charts' }).getByRole('checkbox', { name: 'law' }).check();
  await builder.getByRole('group', { name: 'Controls' }).getByRole('checkbox', { name: 'algorithm' }).check();
  await builder.getByRole('group', { name: /Locked/ }).getByRole('checkbox', { name: 'algorithm' }).check();
  await builder.getByRole('checkbox', { name: 'start playing on load' }).uncheck();
  await builder.getByLabel('Start at step').fill('5');
  const url = await builder.getByLabel('Embed URL', { exact: true }).inputValue();
  await page.goto(url);
  await expect(page.getByTestId('step-counter')).toHaveText('step 5/40');
  await expect(page.locator('[data-chart-id]')).toHaveCount(3);
  await expect(page.locator('[data-chart-id="law"]')).toBeVisible();
  await expect(page.locator('#algorithm-type')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
