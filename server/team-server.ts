#!/usr/bin/env node
/**
 * The team's sync server: the standard Yjs websocket server (`@y/websocket-server`, documents persisted
 * in LevelDB under `<data>/docs`) behind a token check. One document per team, named by the team id;
 * a connection needs a token of that team (`?token=<team>.<secret>`), made with the `token` subcommand.
 *
 *   npm run team-server -- --port 1234 --data ./team-data          (also PORT, TEAM_DATA, HOST)
 *   npm run team-server -- token --team acme --data ./team-data    prints a new token for team "acme"
 *
 * Refused connections are closed with 4401 (unknown token) or 4403 (another team's document): codes
 * the y-websocket client treats as final, so it stops retrying and the extension says why.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket, { type WebSocketServer } from 'ws';

// ws 6 (what @y/websocket-server installs) has the server only as a static of its default export.
const { Server } = WebSocket as unknown as { Server: typeof WebSocketServer };

export const CLOSE_BAD_TOKEN = 4401;
export const CLOSE_OTHER_TEAM = 4403;

const TEAM_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

type TokenRecord = { team: string; sha256: string; createdAt: string };

const tokensFile = (dataDir: string) => join(dataDir, 'tokens.json');
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

async function readTokens(dataDir: string): Promise<TokenRecord[]> {
  try {
    return JSON.parse(await readFile(tokensFile(dataDir), 'utf8')) as TokenRecord[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Makes a token for `team`; only its hash is kept on the server. */
export async function createToken(dataDir: string, team: string): Promise<string> {
  if (!TEAM_ID.test(team)) throw new Error(`A team id is lower-case letters, digits and dashes (got "${team}").`);
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(24).toString('base64url');
  const tokens = await readTokens(dataDir);
  tokens.push({ team, sha256: digest(secret), createdAt: new Date().toISOString() });
  const file = tokensFile(dataDir);
  await writeFile(`${file}.tmp`, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return `${team}.${secret}`;
}

/** The team a token belongs to, or undefined when the server never made it. */
export async function teamOf(dataDir: string, token: string): Promise<string | undefined> {
  const cut = token.indexOf('.');
  if (cut < 1) return undefined;
  const team = token.slice(0, cut);
  const hash = Buffer.from(digest(token.slice(cut + 1)), 'hex');
  const known = (await readTokens(dataDir)).some(
    (record) => record.team === team && timingSafeEqual(Buffer.from(record.sha256, 'hex'), hash),
  );
  return known ? team : undefined;
}

export type TeamServer = { port: number; close: () => Promise<void> };

export async function startTeamServer(options: { port: number; dataDir: string; host?: string }): Promise<TeamServer> {
  const dataDir = resolve(options.dataDir);
  await mkdir(join(dataDir, 'docs'), { recursive: true });
  // The standard server reads its persistence directory when its module loads.
  process.env.YPERSISTENCE = join(dataDir, 'docs');
  const { setupWSConnection, docs, getPersistence } = await import('@y/websocket-server/utils');

  const wss = new Server({ noServer: true });
  const server = http.createServer((request, response) => {
    if (request.url === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, documents: docs.size }));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://team-server');
    const docName = decodeURIComponent(url.pathname.slice(1));
    void teamOf(dataDir, url.searchParams.get('token') ?? '').then(
      (team) =>
        wss.handleUpgrade(request, socket, head, (ws) => {
          // Accepted first and closed with a reason: a refused upgrade would reach the client as a bare error.
          if (!team) ws.close(CLOSE_BAD_TOKEN, 'bad-token');
          else if (team !== docName) ws.close(CLOSE_OTHER_TEAM, 'other-team');
          else setupWSConnection(ws, request, { docName });
        }),
      () => socket.destroy(),
    );
  });

  await new Promise<void>((done) => server.listen(options.port, options.host ?? '127.0.0.1', done));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((done) => server.close(() => done()));
      const provider = (getPersistence() as { provider?: { destroy?: () => Promise<void> } } | null)?.provider;
      await provider?.destroy?.();
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      team: { type: 'string' },
      'new-token': { type: 'string' },
    },
  });
  const dataDir = values.data ?? process.env.TEAM_DATA ?? './team-data';
  if (positionals[0] === 'token') {
    if (!values.team) throw new Error('Name the team: token --team <team id>.');
    process.stdout.write(`${await createToken(dataDir, values.team)}\n`);
    return;
  }
  if (values['new-token']) process.stdout.write(`token: ${await createToken(dataDir, values['new-token'])}\n`);
  const port = Number(values.port ?? process.env.PORT ?? 1234);
  const { port: listening, close } = await startTeamServer({ port, dataDir, host: values.host ?? process.env.HOST });
  process.stdout.write(
    `DM Sidekick team server on ${values.host ?? process.env.HOST ?? '127.0.0.1'}:${listening}, data in ${resolve(dataDir)}\n`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void close().then(() => process.exit(0)));
  }
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
