// `npm run bench:ui`: the same browser and server as the e2e suite, running only the
// measurement scripts (*.bench.ts), which report numbers and assert nothing about speed.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testDir: 'e2e/bench', testMatch: '**/*.bench.ts', timeout: 300_000, reporter: [['list']] });
