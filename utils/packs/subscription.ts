import type { SidekickDatabase } from '../db/database';
import type { Pack } from '../db/schema';
import { because } from '../errors';
import { PackError } from './errors';
import { MAX_PACK_BYTES, type PackFile } from './format';
import { type ImportPlan, planImport } from './import';
import { PackRefusedError, parsePack } from './parse';

/**
 * Subscriptions: a pack at an https URL, checked for updates with conditional requests (ETag /
 * Last-Modified), so an unchanged pack costs one small 304. The pure parts (URL check, request headers,
 * response interpretation) are separate from the fetching so they can be tested without a network.
 */

export type UrlOptions = {
  /** Test builds only: also accept http://127.0.0.1, http://localhost and http://[::1]. */
  allowLoopbackHttp?: boolean;
};
export type HttpValidators = { etag?: string; lastModified?: string };

const unreachable = (url: string) => because('pack-server-unreachable', { url });

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The URL to fetch (fragment dropped), or a refusal: https only, no user name or password in it. */
export function checkPackUrl(input: string, { allowLoopbackHttp = false }: UrlOptions = {}): string {
  const refuse = (reason: string): never => {
    throw new PackError(
      'url-refused',
      `This pack URL cannot be used: ${reason}.`,
      because('pack-url-refused', { url: String(input).slice(0, 100) }),
    );
  };
  if (typeof input !== 'string' || input.trim() === '') return refuse('it is empty');
  if (input.length > 2000) return refuse('it is longer than 2,000 characters');
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return refuse(`"${input.slice(0, 100)}" is not a URL`);
  }
  if (url.username || url.password) refuse('it must not contain a user name or password');
  const loopbackHttp = allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) refuse(`only https:// addresses are accepted, not ${url.protocol}//`);
  url.hash = '';
  return url.href;
}

/** The host permission to request (optional_host_permissions) before subscribing: `https://example.com/*`. */
export function permissionOrigin(url: string, options: UrlOptions = {}): string {
  // Match patterns name a host, not a port: the permission covers the host on any port.
  const { protocol, hostname } = new URL(checkPackUrl(url, options));
  return `${protocol}//${hostname}/*`;
}

/** `If-None-Match` / `If-Modified-Since` from what the last applied download returned. */
export function conditionalHeaders(
  validators: HttpValidators | Pick<Pack, 'etag' | 'lastModified'>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  return headers;
}

export type UpdateResponse = {
  status: number;
  headers: { get(name: string): string | null };
  /** The body's text (only needed for 200). */
  text?: string;
};
export type UpdateOutcome = { kind: 'not-modified' } | { kind: 'pack'; pack: PackFile; validators: HttpValidators };

/** 304 → nothing changed; 200 → the checked pack and its validators; anything else → a `PackError`. */
export function interpretUpdateResponse(response: UpdateResponse, url = 'the pack URL'): UpdateOutcome {
  if (response.status === 304) return { kind: 'not-modified' };
  if (response.status === 404 || response.status === 410) {
    throw new PackError(
      'pack-gone',
      `The pack is no longer at ${url} (HTTP ${response.status}).`,
      because('pack-gone', { url, status: response.status }),
    );
  }
  if (response.status !== 200) {
    throw new PackError('server-unreachable', `${url} answered HTTP ${response.status}.`, unreachable(url));
  }
  const pack = parsePack(response.text ?? '');
  const etag = response.headers.get('etag')?.slice(0, 1000) || undefined;
  const lastModified = response.headers.get('last-modified')?.slice(0, 100) || undefined;
  return { kind: 'pack', pack, validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } };
}

export type FetchOptions = UrlOptions & {
  validators?: HttpValidators;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads a pack (conditionally when validators are given): no cookies, no referrer, at most 5 MB read.
 * Redirects are followed here, one hop at a time, each target checked before it is requested: a redirect
 * to plain http is refused before anything goes over plain http.
 */
export async function fetchPack(url: string, options: FetchOptions = {}): Promise<UpdateOutcome> {
  let href = checkPackUrl(url, options);
  const fetchFn = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetchFn(href, {
        headers: conditionalHeaders(options.validators ?? {}),
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw new PackError(
        'server-unreachable',
        `Could not reach ${href}: ${(error as Error)?.message ?? String(error)}.`,
        unreachable(href),
      );
    }
    // A browser answers a manual redirect with an opaque response: where it leads is not shown to us.
    if (response.type === 'opaqueredirect') {
      throw new PackError(
        'url-refused',
        `${href} redirects to an address the browser does not show; subscribe to the address it leads to.`,
        { reason: 'redirect-hidden', values: { url: href } },
      );
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) {
      const text = response.status === 200 ? await readCapped(response, href) : undefined;
      return interpretUpdateResponse({ status: response.status, headers: response.headers, text }, href);
    }
    const target = new URL(location, href).href;
    if (hop === MAX_REDIRECTS)
      throw new PackError('server-unreachable', `${url} redirects more than ${MAX_REDIRECTS} times.`, unreachable(url));
    try {
      href = checkPackUrl(target, options);
    } catch (error) {
      throw new PackError('url-refused', `${href} redirects to ${target}: ${(error as Error).message}`, {
        reason: 'redirect-refused',
        values: { url: target },
      });
    }
  }
}

async function readCapped(response: Response, href: string): Promise<string> {
  const tooBig = (): never => {
    throw new PackRefusedError(
      '(root)',
      `the file at ${href} is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB`,
      undefined,
      because('pack-too-large', { limitMb: MAX_PACK_BYTES / 1024 / 1024 }),
    );
  };
  if (Number(response.headers.get('content-length')) > MAX_PACK_BYTES) tooBig();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (!response.body) return await response.text();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_PACK_BYTES) {
        await reader.cancel().catch(() => undefined);
        tooBig();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError(
      'server-unreachable',
      `The download from ${href} broke off: ${(error as Error)?.message ?? error}.`,
      unreachable(href),
    );
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PackRefusedError('(root)', 'the file is not UTF-8 text', undefined, because('pack-not-utf8'));
  }
}

/** Subscribing: downloads the pack at `url` and plans installing it (nothing is written until applied). */
export async function previewSubscription(
  db: SidekickDatabase,
  url: string,
  options: Omit<FetchOptions, 'validators'> = {},
): Promise<ImportPlan> {
  const href = checkPackUrl(url, options);
  const outcome = await fetchPack(href, options);
  if (outcome.kind !== 'pack')
    throw new PackError('server-unreachable', `${href} answered "not modified" to a plain request.`, unreachable(href));
  return planImport(db, outcome.pack, { kind: 'url', url: href }, outcome.validators);
}

export type UpdateCheck = { kind: 'not-modified' } | { kind: 'fetched'; plan: ImportPlan };

/**
 * Checks a subscribed pack for an update with a conditional request. A 200 gives a plan to show (or to
 * apply right away when `needsReview(plan)` is false); the validators are stored only when it is applied.
 */
export async function checkForUpdate(
  db: SidekickDatabase,
  packId: string,
  options: Omit<FetchOptions, 'validators'> = {},
): Promise<UpdateCheck> {
  const installed = await db.packs.get(packId);
  if (!installed) throw new PackError('not-installed', 'That pack is not installed.', because('pack-not-installed'));
  if (installed.source.kind !== 'url') {
    throw new PackError(
      'not-updatable',
      `"${installed.name}" was imported from a file: import a newer file to update it.`,
      because('pack-not-updatable', { name: installed.name }),
    );
  }
  const url = installed.source.url;
  const outcome = await fetchPack(url, { ...options, validators: installed });
  if (outcome.kind === 'not-modified') return outcome;
  if (outcome.pack.id !== packId) {
    throw new PackRefusedError(
      'id',
      `the pack at ${url} is now "${outcome.pack.id}", not the subscribed "${packId}"`,
      undefined,
      because('pack-id-changed', { url, id: outcome.pack.id, subscribed: packId }),
    );
  }
  return { kind: 'fetched', plan: await planImport(db, outcome.pack, { kind: 'url', url }, outcome.validators) };
}

/** The plan changes something beyond the stored validators (a new version, or templates to add, change or remove). */
export function hasChanges(plan: ImportPlan): boolean {
  return (
    plan.installed === null ||
    !plan.sameVersion ||
    plan.sourceChanged ||
    plan.added.length + plan.updated.length + plan.conflicts.length + plan.removedUpstream.length > 0
  );
}
