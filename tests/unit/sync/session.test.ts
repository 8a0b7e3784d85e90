import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDatabase } from '@/utils/db/connection';
import { joinTeam, leaveTeam, readTeamStatus } from '@/utils/sync/team';

/** A server that answers at once: the socket opens before anything else runs (a loaded worker, a near server). */
class InstantSocket {
  binaryType = 'blob';
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  constructor() {
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }
  send() {}
  close() {
    this.readyState = 3;
  }
}

const join = () => joinTeam({ serverUrl: 'wss://team.example', token: `acme.${'x'.repeat(24)}`, displayName: 'Ben' });
const shownConnection = async () => (await withDatabase(readTeamStatus)).connection;

afterEach(async () => {
  await leaveTeam({ keepLocalCopy: true });
  vi.unstubAllGlobals();
});

describe('a team session', () => {
  // The e2e suite under load: a socket that opened while the session still read its saved status was never
  // told to the dashboard ("connecting…" with a last sync, for good).
  it('shows "connected" for a socket that opened while the session was being set up', async () => {
    vi.stubGlobal('WebSocket', InstantSocket);
    await join();
    await expect.poll(shownConnection, { timeout: 5_000 }).toBe('connected');
  });

  it('still writes its status after a leave and a new join in the same worker', async () => {
    vi.stubGlobal('WebSocket', InstantSocket);
    await join();
    // Left while a status write was still due: the next session's writes must not wait on it.
    await leaveTeam({ keepLocalCopy: true });
    await join();
    await expect.poll(shownConnection, { timeout: 5_000 }).toBe('connected');
  });

  it('refuses a plain ws:// server address with a reason code the dashboard words (not an English sentence)', async () => {
    await expect(
      joinTeam({ serverUrl: 'ws://team.example', token: `acme.${'x'.repeat(24)}`, displayName: 'Ben' }),
    ).rejects.toMatchObject({ detail: { reason: 'team-url-refused', values: {} } });
    expect(await withDatabase(readTeamStatus)).toMatchObject({ config: null });
  });
});
