import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { withDatabase } from '../db/connection';
import type { SidekickDatabase } from '../db/database';
import { newId } from '../db/schema';
import { because } from '../errors';
import { SyncError } from './errors';
import { TeamMirror } from './mirror';
import {
  allowLoopbackWs,
  type Presence,
  PresenceSchema,
  serverUrlSchema,
  type TeamConfig,
  TeamConfigSchema,
  type TeamJoin,
  type TeamStatus,
  teamOfToken,
} from './schema';
import { teamMaps } from './team-doc';

/**
 * Team mode in the background: one Y.Doc per joined team, mirrored into Dexie (`TeamMirror`) and
 * relayed by the team's server over y-websocket. MV3 stops an idle worker, so nothing here lives only
 * in memory: the doc's updates are in `teamUpdates`, the connection's state in `teamState`, and
 * `resumeTeam` (run on every wake: the one-minute SLA alarm wakes the worker) re-opens the socket.
 * While connected the socket itself keeps the worker alive: awareness renews every 15 s and Chromium
 * (≥ 116) counts WebSocket traffic as activity, so no keep-alive alarm or port is needed.
 */

/** A presence the panel stopped renewing (its tab went away) is cleared after this long. */
const PRESENCE_TTL_MS = 25_000;
/** "Replying" lasts this long after the last input event the content script saw in the composer. */
const REPLYING_MS = 8_000;
/** Status rows are written at most this often while updates stream in. */
const STATUS_WRITE_MS = 500;

type Session = {
  config: TeamConfig;
  doc: Y.Doc;
  mirror: TeamMirror;
  provider: WebsocketProvider;
  status: Omit<TeamStatus, 'config'>;
  /** My presence per tab whose panel shows a conversation: when the panel last renewed it, when I last typed. */
  presenceByTab: Map<number, { conversationKey: string; at: number; typedAt?: number }>;
};

let session: Session | undefined;
let starting: Promise<Session | undefined> | undefined;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
let presenceTimer: ReturnType<typeof setInterval> | undefined;
/** This worker found no joined team: presence and typing calls skip the database until a join. */
let noTeamJoined = false;

const emptyStatus = (): Omit<TeamStatus, 'config'> => ({
  connection: null,
  problem: null,
  lastSyncAt: null,
  presence: [],
  members: [],
});

export async function readTeamStatus(db: SidekickDatabase): Promise<TeamStatus> {
  const [config, status] = await Promise.all([db.teamState.get('config'), db.teamState.get('status')]);
  const joined = config?.key === 'config' ? config.value : null;
  const { token: _token, ...shown } = joined ?? ({} as TeamConfig);
  return {
    config: joined ? shown : null,
    ...(joined && status?.key === 'status' ? status.value : emptyStatus()),
  };
}

export function conversationHistory(db: SidekickDatabase, conversationKey: string) {
  return db.teamHistory
    .where('[conversationKey+at]')
    .between([conversationKey, 0], [conversationKey, Infinity])
    .toArray();
}

/** Starts the joined team's session after a worker wake (nothing when no team is joined). */
export function resumeTeam(): Promise<Session | undefined> {
  if (session) return Promise.resolve(session);
  if (noTeamJoined) return Promise.resolve(undefined);
  starting ??= withDatabase(async (db) => {
    const row = await db.teamState.get('config');
    const config = row?.key === 'config' ? TeamConfigSchema.safeParse(row.value) : undefined;
    noTeamJoined = !config?.success;
    return config?.success ? startSession(db, config.data) : undefined;
  }).finally(() => {
    starting = undefined;
  });
  return starting;
}

export async function joinTeam(input: TeamJoin): Promise<TeamStatus> {
  const url = serverUrlSchema(allowLoopbackWs()).safeParse(input.serverUrl);
  if (!url.success) {
    throw allowLoopbackWs()
      ? new SyncError(
          'server-url-refused',
          'The server address must start with wss:// (or ws:// to this computer).',
          because('team-url-refused-loopback'),
        )
      : new SyncError('server-url-refused', 'The server address must start with wss://.', because('team-url-refused'));
  }
  await leaveTeam({ keepLocalCopy: true });
  noTeamJoined = false;
  const config: TeamConfig = {
    serverUrl: url.data.replace(/\/+$/, ''),
    teamId: teamOfToken(input.token),
    token: input.token,
    displayName: input.displayName,
    memberId: newId(),
    joinedAt: Date.now(),
  };
  return withDatabase(async (db) => {
    await db.transaction('rw', db.teamState, db.teamUpdates, db.teamHistory, async () => {
      await db.teamUpdates.clear();
      await db.teamHistory.clear();
      await db.teamState.put({ key: 'config', value: config });
      await db.teamState.put({ key: 'status', value: { ...emptyStatus(), connection: 'connecting' } });
    });
    await startSession(db, config);
    return readTeamStatus(db);
  });
}

/** Leaving keeps the team's conversations, notes and tags as my own, or deletes them from this browser. */
export async function leaveTeam({ keepLocalCopy }: { keepLocalCopy: boolean }): Promise<void> {
  const current = session ?? (await resumeTeam());
  session = undefined;
  // Reset, not only cleared: a leftover id would make scheduleStatusWrite skip every later session's writes.
  clearTimeout(statusTimer);
  statusTimer = undefined;
  clearInterval(presenceTimer);
  if (current) {
    current.provider.destroy();
    current.mirror.stop();
  }
  await withDatabase(async (db) => {
    if (current && !keepLocalCopy) await current.mirror.forgetTeamData();
    await db.transaction('rw', db.teamState, db.teamUpdates, db.teamHistory, async () => {
      await db.teamState.clear();
      await db.teamUpdates.clear();
      await db.teamHistory.clear();
    });
  });
  current?.doc.destroy();
}

/**
 * The panel of `tabId` shows `conversationKey` (or nothing), or I typed in that conversation's composer:
 * other members see "viewing" / "replying".
 */
export async function setPresence(
  tabId: number,
  presence: { conversationKey: string; activity: Presence['activity'] } | null,
): Promise<void> {
  const current = session ?? (await resumeTeam());
  if (!current) return;
  const now = Date.now();
  const before = current.presenceByTab.get(tabId);
  if (!presence) current.presenceByTab.delete(tabId);
  else if (presence.activity === 'replying') {
    current.presenceByTab.set(tabId, { conversationKey: presence.conversationKey, at: now, typedAt: now });
  } else {
    // The panel's renewal keeps a recent "replying" of the same conversation.
    const typedAt = before?.conversationKey === presence.conversationKey ? before.typedAt : undefined;
    current.presenceByTab.set(tabId, { conversationKey: presence.conversationKey, at: now, typedAt });
  }
  publishPresence(current);
}

export function forgetTabPresence(tabId: number): void {
  if (session?.presenceByTab.delete(tabId)) publishPresence(session);
}

function publishPresence(current: Session): void {
  const now = Date.now();
  for (const [tabId, entry] of current.presenceByTab) {
    if (now - entry.at > PRESENCE_TTL_MS) current.presenceByTab.delete(tabId);
  }
  // The most recently renewed tab is what I am on; typing there within REPLYING_MS makes it "replying".
  const latest = [...current.presenceByTab.values()].sort((a, b) => b.at - a.at)[0];
  const next: Presence | null = latest
    ? {
        memberId: current.config.memberId,
        name: current.config.displayName,
        conversationKey: latest.conversationKey,
        activity: latest.typedAt !== undefined && now - latest.typedAt < REPLYING_MS ? 'replying' : 'viewing',
      }
    : null;
  const before = current.provider.awareness.getLocalState()?.presence as Presence | null | undefined;
  if (JSON.stringify(before ?? null) !== JSON.stringify(next)) {
    current.provider.awareness.setLocalStateField('presence', next);
  }
}

async function startSession(db: SidekickDatabase, config: TeamConfig): Promise<Session> {
  if (session) return session;
  const doc = new Y.Doc();
  const author = () => ({ name: config.displayName, memberId: config.memberId });
  // The mirror already saves while it starts (pushing what changed while the worker was stopped), before
  // the session below exists: only a started session's saves count as a sync.
  let started: Session | undefined;
  const mirror = new TeamMirror(db, doc, author, () => {
    if (started?.status.connection === 'connected') update({ lastSyncAt: Date.now() });
  });
  try {
    await mirror.start();
  } catch (error) {
    // Unhooked, so that the next wake's attempt starts from the saved state alone.
    mirror.stop();
    doc.destroy();
    throw error;
  }
  const members = teamMaps(doc).members;
  if (members.get(config.memberId) !== config.displayName) {
    doc.transact(() => members.set(config.memberId, config.displayName));
  }
  const saved = await readTeamStatus(db);
  // From here on nothing may wait until the provider's events are listened to: its socket can open (and
  // report "connected" once, to nobody) while this function waits on anything.
  const provider = new WebsocketProvider(config.serverUrl, config.teamId, doc, {
    params: { token: config.token },
    disableBc: true,
  });
  const current: Session = {
    config,
    doc,
    mirror,
    provider,
    status: { ...emptyStatus(), lastSyncAt: saved.lastSyncAt, connection: 'connecting' },
    presenceByTab: new Map(),
  };
  session = current;

  const update = (patch: Partial<Session['status']>) => {
    Object.assign(current.status, patch);
    scheduleStatusWrite(current);
  };
  started = current;
  provider.on('status', ({ status: state }) => {
    if (state === 'connected') update({ connection: 'connected', problem: null });
    else if (current.status.connection !== 'refused') {
      update({ connection: state === 'connecting' ? 'connecting' : 'offline' });
    }
  });
  provider.on('sync', (synced) => {
    if (synced) update({ lastSyncAt: Date.now() });
  });
  provider.on('connection-error', () => {
    if (current.status.connection !== 'refused') update({ connection: 'offline', problem: 'unreachable' });
  });
  provider.on('closed', ({ reason }) => {
    update({ connection: 'refused', problem: reason === 'other-team' ? 'other-team' : 'bad-token' });
  });
  const readOthers = () => {
    const others: Presence[] = [];
    for (const [clientId, state] of provider.awareness.getStates()) {
      if (clientId === doc.clientID) continue;
      const presence = PresenceSchema.safeParse((state as { presence?: unknown }).presence);
      if (presence.success && presence.data.memberId !== config.memberId) others.push(presence.data);
    }
    update({ presence: others });
  };
  provider.awareness.on('change', readOthers);
  const readMembers = () => {
    const names = new Set<string>();
    for (const name of members.values()) if (typeof name === 'string' && name.trim()) names.add(name);
    update({ members: [...names].sort((a, b) => a.localeCompare(b)) });
  };
  members.observe(readMembers);
  readMembers();
  clearInterval(presenceTimer);
  // Expires the presence of tabs whose panel stopped renewing it (closed without saying so), and "replying".
  presenceTimer = setInterval(() => publishPresence(current), 2_000);
  return current;
}

function scheduleStatusWrite(current: Session): void {
  if (statusTimer) return;
  statusTimer = setTimeout(() => {
    statusTimer = undefined;
    if (session !== current) return;
    void withDatabase((db) => db.teamState.put({ key: 'status', value: structuredClone(current.status) })).catch(
      (error: Error) => console.warn(`DM Sidekick team status: ${error.message}`),
    );
  }, STATUS_WRITE_MS);
}
