import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

const LINKEDIN_INTEROP_FRAME = 'https://www.linkedin.com/preload/*';
type ContentScript = { matches: string[]; exclude_matches?: string[]; all_frames?: boolean; js: string[] };

for (const target of ['chrome-mv3', 'firefox-mv2']) {
  test(`${target}: asks only for what is used`, () => {
    const manifest = manifestOf(target);
    const text = JSON.stringify(manifest);
    expect(text).not.toContain('<all_urls>');
    expect(manifest.permissions).not.toContain('tabs');
    const matched = manifest.content_scripts.flatMap((script: ContentScript) => script.matches);
    expect(new Set(matched)).toEqual(new Set([...SITES, LINKEDIN_INTEROP_FRAME]));
  });

  // Each remaining whole-site match has its reason in the README ("Where the content scripts run").
  test(`${target}: top frames of the four sites, and of all sub-frames only LinkedIn's interop iframe`, () => {
    const scripts = Object.fromEntries(
      manifestOf(target).content_scripts.map((script: ContentScript) => [
        script.js[0]?.replace(/^content-scripts\/|\.js$/g, ''),
        { matches: [...script.matches].sort(), exclude: script.exclude_matches, allFrames: script.all_frames ?? false },
      ]),
    );
    expect(scripts).toEqual({
      instagram: { matches: ['https://www.instagram.com/*'], exclude: undefined, allFrames: false },
      x: { matches: ['https://twitter.com/*', 'https://x.com/*'], exclude: undefined, allFrames: false },
      facebook: { matches: ['https://www.facebook.com/*'], exclude: undefined, allFrames: false },
      // A top-level /preload/ page runs the interop script alone, never both.
      linkedin: { matches: ['https://www.linkedin.com/*'], exclude: [LINKEDIN_INTEROP_FRAME], allFrames: false },
      'linkedin-interop': { matches: [LINKEDIN_INTEROP_FRAME], exclude: undefined, allFrames: true },
    });
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

test('firefox-mv2: only the panel is web-accessible (Manifest V2 has no per-site matches for it)', () => {
  // Firefox gives each installation its own random moz-extension:// host, so the URL cannot be probed; a page
  // that frames the panel anyway gets a panel that shows nothing (the handshake, utils/messaging/panel-keys.ts).
  expect(manifestOf('firefox-mv2').web_accessible_resources).toEqual(['panel.html']);
});

test('firefox-mv2: a fixed add-on id and a data-collection declaration', () => {
  expect(manifestOf('firefox-mv2').browser_specific_settings.gecko).toMatchObject({
    id: expect.stringContaining('@'),
    data_collection_permissions: { required: ['none'] },
  });
});

test('the Firefox sources zip (`npm run zip:firefox`) holds nothing git ignores', () => {
  test.setTimeout(240_000);
  // Built into a folder of its own: the zip of the sources this checkout has now (reports, screenshots and all).
  const outDir = mkdtempSync(join(tmpdir(), 'dms-zip-'));
  try {
    execFileSync('npx', ['wxt', 'zip', '-b', 'firefox'], {
      env: { ...process.env, DMS_OUT_DIR: outDir },
      stdio: 'pipe',
    });
    const zip = readdirSync(outDir).find((name) => name.endsWith('-sources.zip'));
    if (!zip) throw new Error(`no sources zip in ${outDir}`);
    const entries = execFileSync('zipinfo', ['-1', join(outDir, zip)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(entries).toEqual(expect.arrayContaining(['package.json', 'wxt.config.ts', 'entrypoints/background.ts']));
    const ignored = spawnSync('git', ['check-ignore', '--stdin'], { input: entries.join('\n'), encoding: 'utf8' });
    expect(ignored.stdout.trim().split('\n').filter(Boolean)).toEqual([]);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
