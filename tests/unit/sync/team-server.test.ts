import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_BAD_TOKEN, CLOSE_OTHER_TEAM, createToken, startTeamServer, type TeamServer } from '@/server/team-server';

let dataDir: string;
let server: TeamServer;
let url: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'team-server-'));
  server = await startTeamServer({ port: 0, dataDir });
  url = `ws://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

const providers: WebsocketProvider[] = [];
function connect(team: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(url, team, doc, { params: { token }, disableBc: true });
  providers.push(provider);
  return provider;
}
afterAll(() => {
  for (const provider of providers) provider.destroy();
});

const closedWith = (provider: WebsocketProvider) =>
  new Promise<{ code: number; reason: string }>((done) => provider.on('closed', (event) => done(event)));

describe('team server', () => {
  it('answers its health check', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('relays a team document between two members with a valid token', async () => {
    const token = await createToken(dataDir, 'acme');
    const a = new Y.Doc();
    const b = new Y.Doc();
    connect('acme', token, a);
    connect('acme', token, b);
    a.getMap('status').set('instagram:1', { value: 'done' });
    await expect.poll(() => b.getMap('status').get('instagram:1'), { timeout: 5000 }).toEqual({ value: 'done' });
  });

  it('refuses a token it never made, for good (no retries), with a reason', async () => {
    const provider = connect('acme', 'acme.not-a-real-secret-but-long-enough');
    expect(await closedWith(provider)).toMatchObject({ code: CLOSE_BAD_TOKEN, reason: 'bad-token' });
  });

  it("refuses another team's document", async () => {
    const token = await createToken(dataDir, 'other');
    const provider = connect('acme', token);
    expect(await closedWith(provider)).toMatchObject({ code: CLOSE_OTHER_TEAM, reason: 'other-team' });
  });

  it('refuses team ids that could not name a document', async () => {
    await expect(createToken(dataDir, '../etc')).rejects.toThrow(/lower-case letters/);
  });
});
