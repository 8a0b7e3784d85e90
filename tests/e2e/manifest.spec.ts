import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { OUTPUT_DIR } from '../harness/chromium.ts';

const manifestOf = (target: string) => JSON.parse(readFileSync(resolve(OUTPUT_DIR, target, 'manifest.json'), 'utf8'));
const SITES = [
  'https://www.instagram.com/*',
  'https://x.com/*',
  'https://twitter.com/*',
  'https://www.facebook.com/*',
  'https://www.linkedin.com/*',
];

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`${target}: asks only for what is used`, () => {
    const manifest = manifestOf(target);
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('<all_urls>');
    expect(manifest.permissions).not.toContain('tabs');
    const matched = manifest.content_scripts.flatMap((script: { matches: string[] }) => script.matches);
    expect(new Set(matched)).toEqual(new Set(SITES));
  });
}

test('chrome-mv3: the panel is web-accessible only to the four sites, under a per-session URL', () => {
  expect(manifestOf('chrome-mv3').web_accessible_resources).toEqual([
    { resources: ['panel.html'], matches: SITES, use_dynamic_url: true },
  ]);
});

test('both builds ask for a pack URL origin only when subscribing (https only), Firefox included', () => {
  expect(manifestOf('chrome-mv3').optional_host_permissions).toEqual(['https://*/*']);
  // Manifest V2 has no optional_host_permissions: the origin is an optional permission there.
  expect(manifestOf('firefox-mv2').optional_permissions).toEqual(['notifications', 'https://*/*']);
  for (const target of ['chrome-mv3', 'firefox-mv2']) {
    expect(JSON.stringify(manifestOf(target).permissions)).not.toContain('https://*/*');
  }
});

test('firefox-mv2: a fixed add-on id and a data-collection declaration', () => {
  expect(manifestOf('firefox-mv2').browser_specific_settings.gecko).toMatchObject({
    id: expect.stringContaining('@'),
    data_collection_permissions: { required: ['none'] },
  });
});
