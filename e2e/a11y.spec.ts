// axe-core in the browser: no serious or critical violations on the main page (laptop and
// phone), with a tour open, with each menu open, in A/B mode and in an embed.
import { expect, test } from '@playwright/test';
import { linkTo, presetConfig, seriousAxeViolations } from './helpers';

test('the main page, a tour and the menus have no serious or critical axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 20 })));
  await expect(page.getByTestId('backend-badge')).not.toContainText('starting');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Start tour' }).click();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Close the tour' }).click();
  await expect(page.getByRole('button', { name: 'Start tour' })).toBeFocused();
  for (const menu of ['Share', 'Export', 'Library']) {
    await page.getByRole('button', { name: menu }).click();
    expect(await seriousAxeViolations(page), menu).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: menu })).toBeFocused();
  }
  await page.getByRole('button', { name: 'Compare A/B' }).click();
  await page.getByRole('button', { name: 'Table', exact: true }).first().click();
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('on a phone, with the settings drawer open, and in an embed: no serious or critical axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(linkTo(presetConfig('bandit-pg', { steps: 20 })));
  await expect(page.getByTestId('backend-badge')).not.toContainText('starting');
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Settings' }).click();
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.goto(`/?embed=1&panels=entropy,law&controls=play,step,reset,interventions&lock=interventions${linkTo(presetConfig('bandit-pg', { steps: 20 })).slice(1)}`);
  expect(await seriousAxeViolations(page)).toEqual([]);
});
