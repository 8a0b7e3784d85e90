import { describe, expect, it } from 'vitest';
import { canInsertInto, LOADING_LIMIT_MS, panelMode } from '@/components/panel/panel-mode';
import { participantDrift, readableThread, unknownLayout } from '../health/snapshot';

// What the panel shows, decided from the page state and the clock (both injected: no timers here).

const T0 = 1_000_000;
const mode = (input: Partial<Parameters<typeof panelMode>[0]>) =>
  panelMode({ page: null, hasView: false, waitingSince: T0, now: T0, ...input });

describe('the panel never waits without end', () => {
  it('says "loading" for at most 3 s after the page started loading, then what it could not read', () => {
    const page = unknownLayout();
    expect(LOADING_LIMIT_MS).toBe(3000);
    expect(mode({ page, loadingSince: T0, now: T0 + 2999 })).toEqual({
      kind: 'waiting',
      message: 'panel.loading',
      until: T0 + 3000,
    });
    expect(mode({ page, loadingSince: T0, now: T0 + 3000 })).toEqual({
      kind: 'degraded',
      unreadable: ['participant', 'messages', 'composer'],
      canInsert: false,
    });
  });

  it("counts from the background's record of when loading began, not from when the panel (re)started", () => {
    const page = unknownLayout();
    // The panel was opened (or reloaded) just now; the page has been loading for 5 s.
    expect(mode({ page, loadingSince: T0 - 5000, waitingSince: T0, now: T0 })).toMatchObject({ kind: 'degraded' });
    // Without that record, the panel's own start counts.
    expect(mode({ page, waitingSince: T0 - 1000, now: T0 })).toMatchObject({ kind: 'waiting', until: T0 + 2000 });
  });

  it('the limit is injectable', () => {
    expect(mode({ page: unknownLayout(), loadingSince: T0, now: T0 + 10, limitMs: 10 })).toMatchObject({
      kind: 'degraded',
    });
  });

  it('no report at all: waits, then degrades without naming parts it never saw', () => {
    expect(mode({ now: T0 + 100 })).toEqual({ kind: 'waiting', message: 'panel.waiting', until: T0 + 3000 });
    expect(mode({ now: T0 + 3000 })).toEqual({ kind: 'degraded', unreadable: ['thread'], canInsert: false });
  });

  it('a known person whose conversation is not recorded yet is waited for too, but not forever', () => {
    expect(mode({ page: readableThread(), now: T0 + 10 })).toMatchObject({ kind: 'waiting' });
    expect(mode({ page: readableThread(), now: T0 + 3000 })).toMatchObject({ kind: 'degraded' });
  });
});

describe('what the panel offers', () => {
  it('a known person: the conversation, with Insert', () => {
    expect(mode({ page: readableThread(), hasView: true })).toEqual({ kind: 'conversation', canInsert: true });
    // Weak still reads: one signal held, the value is unique.
    const weak = readableThread({ health: { participant: 'weak', messages: 'found', composer: 'weak' } });
    expect(mode({ page: weak, hasView: true })).toEqual({ kind: 'conversation', canInsert: true });
  });

  it('a thread whose person cannot be read degrades at once, naming the parts from health and drift', () => {
    const page = readableThread({
      participant: null,
      health: { participant: 'missing', messages: 'found', composer: 'found' },
      drift: [participantDrift, { ...participantDrift, part: 'timeLabel', health: 'ambiguous' }],
    });
    // Even with a conversation view still around (the previous one): never shown for an unknown person.
    expect(mode({ page, hasView: true })).toEqual({
      kind: 'degraded',
      unreadable: ['participant', 'timeLabel'],
      canInsert: true,
    });
  });

  it('a refused report (a thread without identity) is "cannot read this conversation"', () => {
    const refused = readableThread({
      threadId: null,
      participant: null,
      health: { participant: 'missing', messages: 'missing', composer: 'missing' },
      drift: [{ part: 'thread', health: 'missing', failedSignals: ['report refused'], skeleton: '' }],
    });
    expect(mode({ page: refused, hasView: true })).toEqual({
      kind: 'degraded',
      unreadable: ['thread', 'participant', 'messages', 'composer'],
      canInsert: false,
    });
  });

  it('Insert only into an unmistakable composer of a settled thread; else Copy', () => {
    const composer = (health: 'found' | 'weak' | 'missing' | 'ambiguous') =>
      readableThread({ health: { participant: 'found', messages: 'found', composer: health } });
    expect(canInsertInto(composer('found'))).toBe(true);
    expect(canInsertInto(composer('weak'))).toBe(true);
    expect(canInsertInto(composer('ambiguous'))).toBe(false);
    expect(canInsertInto(composer('missing'))).toBe(false);
    expect(canInsertInto({ ...composer('found'), state: 'loading' })).toBe(false);
    expect(canInsertInto({ ...composer('found'), threadId: null })).toBe(false);
    expect(canInsertInto(null)).toBe(false);
  });

  it('pages that are no conversation say so, without waiting', () => {
    expect(mode({ page: readableThread({ state: 'no-conversation' }) })).toEqual({
      kind: 'notice',
      message: 'panel.noConversation',
    });
    expect(mode({ page: readableThread({ state: 'message-request' }), now: T0 + 60_000 })).toEqual({
      kind: 'notice',
      message: 'panel.request',
    });
  });
});
