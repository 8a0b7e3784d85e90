// @vitest-environment jsdom
// The adapter contract, one suite for every fixture page of every platform (tests/unit/platforms/fixture-pages.ts):
// the same expectations, generated from the table, for every state a page claims (thread, inbox, loading,
// switch, message request, drift). What is specific to one site stays in its own <platform>.test.ts.
import { describe, expect, it } from 'vitest';
import { FACEBOOK_SIGNALS } from '@/utils/platforms/facebook.selectors';
import { INSTAGRAM_SIGNALS } from '@/utils/platforms/instagram.selectors';
import { LINKEDIN_SIGNALS } from '@/utils/platforms/linkedin.selectors';
import type { Platform } from '@/utils/platforms/sites';
import type { SignalTable } from '@/utils/platforms/toolkit/signals';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/platforms/types';
import { X_SIGNALS } from '@/utils/platforms/x.selectors';
import { ADAPTERS, FIXTURE_PAGES, type FixturePage, messageLines, pushUrl } from './fixture-pages';

const SIGNALS: Record<Platform, SignalTable> = {
  instagram: INSTAGRAM_SIGNALS,
  facebook: FACEBOOK_SIGNALS,
  x: X_SIGNALS,
  linkedin: LINKEDIN_SIGNALS,
};
const HEALTH_PARTS = ['participant', 'messages', 'composer'] as const;

/** Every text the page shows (its shadow roots included), for checking that none leaves in a snapshot. */
function pageTexts(doc: Document): string[] {
  const texts: string[] = [];
  const walk = (root: Node) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent?.trim() ?? '');
      else if ((node as Element).shadowRoot) walk((node as Element).shadowRoot as ShadowRoot);
    }
  };
  walk(doc.body);
  return texts;
}

/** The expectations every snapshot meets, whatever the page. */
function expectContract(page: FixturePage, doc: Document, snapshot: PageSnapshot) {
  expect(PageSnapshotSchema.safeParse(snapshot).success, 'valid against the schema').toBe(true);
  expect(snapshot.platform).toBe(page.platform);
  expect(snapshot.url).toBe(doc.location.href);
  // Drift: one report per part at most, with the part's health and only signals the selectors file declares.
  const drift = snapshot.drift ?? [];
  expect(new Set(drift.map((report) => report.part)).size).toBe(drift.length);
  for (const report of drift) {
    expect(report.health).not.toBe('found');
    const declared = Object.keys(SIGNALS[page.platform][report.part] ?? {});
    for (const signal of report.failedSignals) expect(declared, `${report.part}: ${signal}`).toContain(signal);
  }
  if (snapshot.state === 'thread' || snapshot.state === 'message-request') {
    for (const part of HEALTH_PARTS) {
      const report = drift.find((each) => each.part === part);
      // A request shows no composer by design: that is not drift.
      const expected =
        snapshot.health[part] === 'found' || (snapshot.state === 'message-request' && part === 'composer');
      expect(report?.health, part).toBe(expected ? undefined : snapshot.health[part]);
    }
  }
  if (!['thread', 'loading', 'message-request'].includes(snapshot.state)) expect(snapshot.drift).toBeUndefined();
  // Never message text: nothing the page shows leaves in the snapshot but the person's name and time labels.
  const allowed = new Set([snapshot.participant?.name, ...snapshot.messages.map((message) => message.timeLabel)]);
  const json = JSON.stringify(snapshot);
  for (const text of pageTexts(doc)) if (text.length >= 12 && !allowed.has(text)) expect(json).not.toContain(text);
}

describe.each(FIXTURE_PAGES.map((page) => [page.title, page] as const))('%s', (_title, page) => {
  const { claim } = page;
  const read = (doc: Document, adapter = ADAPTERS[page.platform]()) => adapter.read(doc, new URL(doc.location.href));

  it(`claims ${claim.state}: the adapter reads what the page shows`, () => {
    const doc = page.load();
    const snapshot = read(doc);
    expectContract(page, doc, snapshot);
    expect(snapshot.state).toBe(claim.state);
    if (claim.threadId !== undefined) expect(snapshot.threadId).toBe(claim.threadId);
    if (claim.name !== undefined) expect(snapshot.participant?.name).toBe(claim.name);
    if (claim.messages) expect(messageLines(snapshot)).toEqual(claim.messages);
    if (claim.composerKind !== undefined) expect(snapshot.composerKind).toBe(claim.composerKind);
    if (claim.health) expect(snapshot.health).toEqual(claim.health);
    if (claim.state !== 'thread') {
      expect(snapshot.composerKind === null || claim.state === 'loading').toBe(true);
    }
  });

  it('reads the same on every read, and inserts nothing for a conversation that is not the one shown', async () => {
    const doc = page.load();
    const adapter = ADAPTERS[page.platform]();
    const first = read(doc, adapter);
    expect(read(doc, adapter)).toEqual(first);
    expect(await adapter.insertText(doc, 'Hi', 'not-this-conversation')).toMatchObject({
      ok: false,
      reason: 'conversation-changed',
    });
    if (first.state !== 'thread' && first.threadId !== null) {
      expect(await adapter.insertText(doc, 'Hi', first.threadId)).toMatchObject({ ok: false });
    }
  });

  const { threadSwitch } = page;
  if (threadSwitch) {
    it('a thread switch with the composer kept mounted: loading until the person and the list moved on', async () => {
      const doc = page.load();
      const adapter = ADAPTERS[page.platform]();
      const before = read(doc, adapter);
      const composer = adapter.focusComposer(doc) ? doc.activeElement : null;
      pushUrl(doc, threadSwitch.url);
      const loading = read(doc, adapter);
      expectContract(page, doc, loading);
      expect(loading).toMatchObject({ state: 'loading', threadId: threadSwitch.threadId });
      expect(await adapter.insertText(doc, 'Hi', threadSwitch.threadId)).toMatchObject({ reason: 'not-a-thread' });
      threadSwitch.renderPerson(doc);
      expect(read(doc, adapter).state).toBe('loading');
      threadSwitch.renderList(doc);
      const after = read(doc, adapter);
      expectContract(page, doc, after);
      expect(after).toMatchObject({ state: 'thread', threadId: threadSwitch.threadId });
      expect(after.participant?.name).toBe(threadSwitch.name);
      expect(adapter.focusComposer(doc) && doc.activeElement).toBe(composer);
      // The insert the panel asked for the previous conversation lands nowhere.
      expect(await adapter.insertText(doc, 'Hi', before.threadId as string)).toMatchObject({
        ok: false,
        reason: 'conversation-changed',
      });
      expect(await adapter.insertText(doc, 'Hi', threadSwitch.threadId)).not.toMatchObject({
        reason: 'conversation-changed',
      });
    });
  }
});
