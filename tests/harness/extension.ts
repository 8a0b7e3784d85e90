// Talking to the loaded extension the way its own pages do: typed RPC calls and live queries sent from an
// extension page (chrome.runtime messaging, checked by the background like any other caller), and the
// background's clock. Shared by the e2e tests and the demo (`npm start`); runs under plain Node too, so
// only type imports from the product code.
import type { Page, Worker } from '@playwright/test';
import type {
  LiveName,
  LiveParams,
  LiveResult,
  RpcInput,
  RpcName,
  RpcOutput,
  RpcResponse,
} from '../../utils/messaging/protocol';

/**
 * Calls the background from an extension page (`page` must show one, e.g. dashboard.html): the same
 * `{kind: 'dms.rpc'}` message utils/messaging/client.ts sends, validated by the background with zod.
 */
export async function rpc<N extends RpcName>(page: Page, name: N, input: RpcInput<N>): Promise<RpcOutput<N>> {
  const response = await page.evaluate(
    ([rpcName, rpcInput]) =>
      chrome.runtime.sendMessage({ kind: 'dms.rpc', name: rpcName, input: rpcInput }) as Promise<RpcResponse>,
    [name, input] as const,
  );
  if (!response?.ok) throw new Error(`${name} failed: ${response?.error.code}: ${response?.error.message}`);
  return response.value as RpcOutput<N>;
}

/** The size of a backup's parts on their way to the background (UPLOAD_PART_CHARS in utils/db/backup-upload.ts). */
const UPLOAD_PART_CHARS = 8 * 1024 * 1024;

/**
 * Restores a backup the way the dashboard does: starts the background job (`backup.restore`) and asks
 * `jobs.latest` until it has ended; a failed restore throws with its message. Answers the written counts.
 */
export async function restoreFrom(
  page: Page,
  text: string,
  mode: 'merge' | 'replace',
): Promise<Record<string, number | string>> {
  // In parts, as the dashboard sends it (utils/db/backup-upload.ts `uploadParts`; test backups are ASCII).
  const uploadId = crypto.randomUUID();
  const count = Math.max(1, Math.ceil(text.length / UPLOAD_PART_CHARS));
  for (let index = 0; index < count; index++) {
    const part = text.slice(index * UPLOAD_PART_CHARS, (index + 1) * UPLOAD_PART_CHARS);
    await rpc(page, 'backup.upload', { uploadId, index, count, part });
  }
  const started = await rpc(page, 'backup.restore', { uploadId, mode });
  for (;;) {
    const job = await rpc(page, 'jobs.latest', { kind: 'backup.restore' });
    if (job?.id !== started.id) throw new Error(`backup.restore: job ${started.id} is gone`);
    if (job.state === 'failed') throw new Error(`backup.restore failed: ${job.error?.message}`);
    if (job.state === 'succeeded') return job.result ?? {};
    await page.waitForTimeout(100);
  }
}

/**
 * A backup file (the format of utils/db/backup.ts) with `count` open conversations, one per contact named
 * "Customer 0" … "Customer <count - 1>", spread over the four platforms. `idPrefix` keeps the ids apart
 * from data already there (a merge); `waiting` gives each a customer waiting for up to 500 minutes.
 */
export function customersBackup(count: number, { idPrefix = '', waiting = false } = {}): string {
  const now = Date.now();
  const platforms = ['instagram', 'x', 'facebook', 'linkedin'] as const;
  const contacts = Array.from({ length: count }, (_, i) => ({
    id: `${idPrefix}c${i}`,
    platform: platforms[i % 4],
    platformId: `${idPrefix}user${i}`,
    displayName: `Customer ${i}`,
    customFields: {},
    createdAt: now,
    updatedAt: now,
  }));
  const conversations = contacts.map((contact, i) => ({
    id: `${idPrefix}v${i}`,
    platform: contact.platform,
    threadId: `${idPrefix}t${i}`,
    contactId: contact.id,
    status: 'open',
    tags: [],
    ...(waiting && { waitingSince: now - (i % 500) * 60_000 }),
    createdAt: now,
    updatedAt: now,
  }));
  return backupFile({ contacts, conversations });
}

/** A backup file (the format of utils/db/backup.ts) holding these rows and nothing else. */
export function backupFile(rows: { contacts: unknown[]; conversations: unknown[]; tags?: unknown[] }): string {
  const { contacts, conversations, tags = [] } = rows;
  const data = {
    contacts,
    conversations,
    tags,
    notes: [],
    templates: [],
    packs: [],
    responseEvents: [],
    settings: null,
  };
  return JSON.stringify({ format: 'dm-sidekick-backup', schemaVersion: 1, exportedAt: Date.now(), data });
}

/**
 * The first result of a live query (utils/messaging/live-server.ts), read over its port from an extension
 * page. The port's name is LIVE_PORT of utils/messaging/protocol.ts.
 */
export function liveOnce<N extends LiveName>(page: Page, name: N, params: LiveParams<N>): Promise<LiveResult<N>> {
  return page.evaluate(
    ([liveName, liveParams]) =>
      new Promise<LiveResult<N>>((resolve, reject) => {
        const port = chrome.runtime.connect({ name: 'dms.live' });
        port.onMessage.addListener(
          (message: { kind: string; id: number; value?: unknown; error?: { message: string } }) => {
            if (message.id !== 1) return;
            port.disconnect();
            if (message.kind === 'result') resolve(message.value as LiveResult<N>);
            else reject(new Error(`${liveName}: ${message.error?.message}`));
          },
        );
        port.postMessage({ kind: 'subscribe', id: 1, name: liveName, params: liveParams });
      }),
    [name, params] as const,
  );
}

/**
 * Moves the background's clock (`Date.now` in the service worker) `offsetMs` into the past; 0 puts it back.
 * Response tracking (utils/sla/tracking.ts) times a customer's message by its page label where it has one
 * (labelLastInboundAt sets that), else from when the background FIRST SEES it, at its `Date.now()`: a
 * label-less message seen while the clock is shifted back by 3 h has waited (at least) 3 h once it is restored. Only the worker's realm is
 * touched: pages, alarms and Chromium keep the real time. A worker that MV3 stops and restarts forgets the
 * shift, so keep it short (open the page, wait until the conversation is recorded, restore).
 */
export async function shiftBackgroundClock(worker: Worker, offsetMs: number): Promise<void> {
  await worker.evaluate((offset) => {
    const scope = globalThis as typeof globalThis & { dmsRealNow?: () => number };
    scope.dmsRealNow ??= Date.now;
    const realNow = scope.dmsRealNow;
    Date.now = offset === 0 ? realNow : () => realNow() - offset;
  }, offsetMs);
}

/** Runs `work` with the background's clock `offsetMs` in the past, and restores it however `work` ends. */
export async function withBackgroundClockShifted<T>(
  worker: Worker,
  offsetMs: number,
  work: () => Promise<T>,
): Promise<T> {
  await shiftBackgroundClock(worker, offsetMs);
  try {
    return await work();
  } finally {
    await shiftBackgroundClock(worker, 0);
  }
}
