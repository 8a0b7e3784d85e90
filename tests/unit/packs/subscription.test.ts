import { describe, expect, it, vi } from 'vitest';
import { PackError } from '@/utils/packs/errors';
import { MAX_PACK_BYTES } from '@/utils/packs/format';
import { applyImport, needsReview } from '@/utils/packs/import';
import { PackRefusedError } from '@/utils/packs/parse';
import {
  checkForUpdate,
  checkPackUrl,
  conditionalHeaders,
  fetchPack,
  hasChanges,
  interpretUpdateResponse,
  permissionOrigin,
  previewSubscription,
} from '@/utils/packs/subscription';
import { answeredError } from '../answered';
import { freshDatabase, packInput, packText, snapshot } from './helpers';

const URL = 'https://packs.example.com/acme.dmpack.json';

/** A stand-in server: answers with `respond(request)` and records the requests. */
function server(respond: (headers: Headers, url: string) => Response) {
  const requests: { url: string; headers: Headers; init: RequestInit }[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    requests.push({ url: String(input), headers, init });
    return respond(headers, String(input));
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

describe('checkPackUrl', () => {
  it('accepts https, drops the fragment', () => {
    expect(checkPackUrl(' https://example.com/p.dmpack.json#top ')).toBe('https://example.com/p.dmpack.json');
    expect(permissionOrigin('https://example.com:8443/a/b.json')).toBe('https://example.com/*');
  });

  it.each([
    ['http://example.com/p.json', /only https:\/\//],
    ['ftp://example.com/p.json', /only https:\/\//],
    ['javascript:alert(1)', /only https:\/\//],
    ['file:///etc/passwd', /only https:\/\//],
    ['data:application/json,{}', /only https:\/\//],
    ['http://127.0.0.1:8080/p.json', /only https:\/\//],
    ['https://user:secret@example.com/p.json', /user name or password/],
    ['not a url', /is not a URL/],
    ['', /empty/],
    [`https://example.com/${'a'.repeat(2000)}`, /longer than 2,000/],
  ])('refuses %s', (url, reason) => {
    expect(() => checkPackUrl(url)).toThrow(reason);
    expect(() => checkPackUrl(url)).toThrow(PackError);
  });

  it('accepts loopback http only with allowLoopbackHttp (test builds)', () => {
    for (const url of ['http://127.0.0.1:4000/p.json', 'http://localhost/p.json', 'http://[::1]:9/p.json']) {
      expect(checkPackUrl(url, { allowLoopbackHttp: true })).toBe(new globalThis.URL(url).href);
    }
    for (const url of ['http://127.0.0.2/p.json', 'http://localhost.evil.com/p.json', 'http://10.0.0.1/p.json']) {
      expect(() => checkPackUrl(url, { allowLoopbackHttp: true })).toThrow(/only https/);
    }
  });
});

describe('conditional requests', () => {
  it('builds If-None-Match / If-Modified-Since from what is stored', () => {
    expect(conditionalHeaders({})).toEqual({});
    expect(conditionalHeaders({ etag: 'W/"abc"', lastModified: 'Tue, 02 Jun 2026 10:00:00 GMT' })).toEqual({
      'If-None-Match': 'W/"abc"',
      'If-Modified-Since': 'Tue, 02 Jun 2026 10:00:00 GMT',
    });
  });

  it('interprets 304, 200, 404 and others', () => {
    const headers = new Headers({ ETag: '"v2"', 'Last-Modified': 'Wed, 03 Jun 2026 10:00:00 GMT' });
    expect(interpretUpdateResponse({ status: 304, headers })).toEqual({ kind: 'not-modified' });
    const ok = interpretUpdateResponse({ status: 200, headers, text: packText(packInput()) });
    expect(ok).toMatchObject({
      kind: 'pack',
      validators: { etag: '"v2"', lastModified: 'Wed, 03 Jun 2026 10:00:00 GMT' },
    });
    expect(() => interpretUpdateResponse({ status: 200, headers, text: '{"schemaVersion": 9}' })).toThrow(
      PackRefusedError,
    );
    expect(() => interpretUpdateResponse({ status: 404, headers }, URL)).toThrow(/no longer at https/);
    expect(() => interpretUpdateResponse({ status: 500, headers }, URL)).toThrow(/answered HTTP 500/);
  });
});

describe('fetchPack, previewSubscription and checkForUpdate', () => {
  it('subscribes, then gets 304 for an unchanged pack and a plan for a new version', async () => {
    const db = freshDatabase();
    let current = packInput();
    let etag = '"v1"';
    const { fetch, requests } = server((headers) =>
      headers.get('If-None-Match') === etag
        ? new Response(null, { status: 304 })
        : new Response(packText(current), { status: 200, headers: { ETag: etag } }),
    );

    const preview = await previewSubscription(db, URL, { fetch });
    expect(preview).toMatchObject({
      source: { kind: 'url', url: URL },
      installsLocked: true,
      validators: { etag: '"v1"' },
    });
    expect(requests[0]?.init).toMatchObject({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    expect(requests[0]?.headers.get('If-None-Match')).toBeNull();
    await applyImport(db, preview, {});

    expect(await checkForUpdate(db, 'acme.service', { fetch })).toEqual({ kind: 'not-modified' });
    expect(requests[1]?.headers.get('If-None-Match')).toBe('"v1"');

    current = packInput({ version: '1.1.0' }, [{ id: 'hello', title: 'Hello', body: 'Hello again!' }]);
    etag = '"v2"';
    const check = await checkForUpdate(db, 'acme.service', { fetch });
    if (check.kind !== 'fetched') throw new Error('expected a plan');
    expect(check.plan.updated.map((e) => e.packTemplateId)).toEqual(['hello']);
    expect(check.plan.removedUpstream).toHaveLength(2);
    expect(hasChanges(check.plan)).toBe(true);
    expect(needsReview(check.plan)).toBe(false);
    await applyImport(db, check.plan, {});
    expect(await db.packs.get('acme.service')).toMatchObject({ version: '1.1.0', etag: '"v2"' });
    expect(await checkForUpdate(db, 'acme.service', { fetch })).toEqual({ kind: 'not-modified' });
  });

  it('a 200 without changes (a server without validators) has no changes', async () => {
    const db = freshDatabase();
    const { fetch } = server(() => new Response(packText(packInput()), { status: 200 }));
    await applyImport(db, await previewSubscription(db, URL, { fetch }), {});
    const check = await checkForUpdate(db, 'acme.service', { fetch });
    expect(check.kind === 'fetched' && hasChanges(check.plan)).toBe(false);
  });

  it('refuses, writing nothing: another pack at the URL, too big, not UTF-8, no network', async () => {
    const db = freshDatabase();
    const first = server(() => new Response(packText(packInput()), { status: 200 }));
    await applyImport(db, await previewSubscription(db, URL, { fetch: first.fetch }), {});
    const before = await snapshot(db);

    const other = server(() => new Response(packText(packInput({ id: 'evil.pack' })), { status: 200 }));
    await expect(checkForUpdate(db, 'acme.service', { fetch: other.fetch })).rejects.toThrow(
      /id: the pack at https:\/\/packs\.example\.com\/acme\.dmpack\.json is now "evil\.pack"/,
    );

    const declared = server(
      () => new Response('{}', { status: 200, headers: { 'Content-Length': String(MAX_PACK_BYTES + 1) } }),
    );
    await expect(fetchPack(URL, { fetch: declared.fetch })).rejects.toThrow(/larger than 5 MB/);

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
      },
    });
    const streaming = server(() => new Response(endless, { status: 200 }));
    await expect(fetchPack(URL, { fetch: streaming.fetch })).rejects.toThrow(/larger than 5 MB/);
    expect(pulled).toBeLessThan(10);

    const latin1 = server(() => new Response(new Uint8Array([0x7b, 0xe4, 0x7d]), { status: 200 }));
    await expect(fetchPack(URL, { fetch: latin1.fetch })).rejects.toThrow(/not UTF-8/);

    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(answeredError(checkForUpdate(db, 'acme.service', { fetch: offline }))).resolves.toMatchObject({
      code: 'unreachable',
    });

    const gone = server(() => new Response('', { status: 410 }));
    await expect(answeredError(checkForUpdate(db, 'acme.service', { fetch: gone.fetch }))).resolves.toMatchObject({
      code: 'not-found',
    });

    await expect(previewSubscription(db, 'http://packs.example.com/a.json', { fetch: first.fetch })).rejects.toThrow(
      /only https/,
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('follows an https redirect itself, and refuses one to http before any plain request is sent', async () => {
    const moved = 'https://cdn.example.com/acme.dmpack.json';
    const hops = server((_, url) =>
      url === URL
        ? new Response(null, { status: 301, headers: { Location: moved } })
        : new Response(packText(packInput()), { status: 200 }),
    );
    const fetched = await fetchPack(URL, { fetch: hops.fetch });
    expect(fetched.kind === 'pack' && fetched.pack.id).toBe('acme.service');
    expect(hops.requests.map((r) => [r.url, r.init.redirect])).toEqual([
      [URL, 'manual'],
      [moved, 'manual'],
    ]);

    const db = freshDatabase();
    const before = await snapshot(db);
    const downgrade = server(
      () => new Response(null, { status: 302, headers: { Location: 'http://packs.example.com/p' } }),
    );
    await expect(answeredError(previewSubscription(db, URL, { fetch: downgrade.fetch }))).resolves.toMatchObject({
      code: 'invalid',
      detail: { reason: 'redirect-refused', values: { url: 'http://packs.example.com/p' } },
    });
    expect(downgrade.requests.map((r) => r.url)).toEqual([URL]);

    // A browser shows a manual redirect only as an opaque response: where it leads stays unknown.
    const opaque = server(() => Object.defineProperty(new Response(null), 'type', { value: 'opaqueredirect' }));
    await expect(fetchPack(URL, { fetch: opaque.fetch })).rejects.toMatchObject({
      detail: { reason: 'redirect-hidden' },
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('checks only subscribed packs', async () => {
    const db = freshDatabase();
    await expect(answeredError(checkForUpdate(db, 'nope'))).resolves.toMatchObject({ code: 'not-found' });
    await db.packs.add({
      id: 'f',
      name: 'File pack',
      version: '1.0.0',
      source: { kind: 'file', name: 'f.dmpack.json' },
      installedAt: 1,
      updatedAt: 1,
    });
    await expect(checkForUpdate(db, 'f')).rejects.toThrow(/imported from a file/);
  });

  it('loopback http works in test builds', async () => {
    const db = freshDatabase();
    const { fetch } = server(() => new Response(packText(packInput()), { status: 200 }));
    const preview = await previewSubscription(db, 'http://127.0.0.1:5173/p.dmpack.json', {
      fetch,
      allowLoopbackHttp: true,
    });
    expect(preview.source).toEqual({ kind: 'url', url: 'http://127.0.0.1:5173/p.dmpack.json' });
    await applyImport(db, preview, {});
  });
});
