import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatDiagnostic } from '@/utils/health/diagnostic';
import { participantDrift, readableThread, unknownLayout } from './snapshot';

// Page health: bounded local storage of the latest degradation per platform, and the pasteable diagnostic.

const freshWorker = async () => {
  vi.resetModules();
  return import('@/utils/health/page-health');
};

describe('page health storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps one degradation per platform, the latest, however often the page drifts', async () => {
    const health = await freshWorker();
    for (let at = 1; at <= 50; at++) {
      await health.recordDegradation(unknownLayout({ drift: [participantDrift] }), 'stayed-loading', at, '1.0.0');
    }
    await health.recordDegradation(unknownLayout({ platform: 'x' }), 'stayed-loading', 60, '1.0.0');
    const stored = await health.readPageHealth();
    expect(Object.keys(stored).sort()).toEqual(['instagram', 'x']);
    expect(stored.instagram?.lastDegraded).toMatchObject({ at: 50, drift: [participantDrift] });
    expect(stored.x?.lastDegraded).toMatchObject({ at: 60, drift: [] });
  });

  it('a clean read is written at most once a minute, unless it ends a degradation', async () => {
    const health = await freshWorker();
    await health.recordReport(readableThread(), 0, '1.0.0');
    await health.recordReport(readableThread(), 59_999, '1.0.0');
    expect((await health.readPageHealth()).instagram).toEqual({ lastOkAt: 0 });
    await health.recordDegradation(unknownLayout(), 'stayed-loading', 60_000, '1.0.0');
    await health.recordReport(readableThread(), 60_001, '1.0.0');
    expect((await health.readPageHealth()).instagram).toMatchObject({ lastOkAt: 60_001 });
    await health.recordReport(readableThread(), 200_000, '1.0.0');
    expect((await health.readPageHealth()).instagram).toMatchObject({ lastOkAt: 200_000 });
  });

  it('reads nothing recorded from a stored value it does not understand', async () => {
    await fakeBrowser.storage.local.set({ pageHealth: { instagram: { lastOkAt: 'yesterday' } } });
    expect(await (await freshWorker()).readPageHealth()).toEqual({});
  });

  it('lists the parts not read for certain in one order, from health and drift', async () => {
    const { partsNotFound } = await freshWorker();
    expect(partsNotFound(readableThread())).toEqual([]);
    expect(
      partsNotFound(
        readableThread({
          health: { participant: 'found', messages: 'weak', composer: 'missing' },
          drift: [{ ...participantDrift, part: 'direction', health: 'ambiguous' }],
        }),
      ),
    ).toEqual([
      { part: 'messages', health: 'weak' },
      { part: 'direction', health: 'ambiguous' },
      { part: 'composer', health: 'missing' },
    ]);
  });
});

describe('Copy diagnostic', () => {
  const health = {
    lastOkAt: Date.UTC(2026, 10, 30, 9, 0),
    lastDegraded: {
      at: Date.UTC(2026, 11, 1, 10, 30),
      version: '1.2.3',
      cause: 'drift' as const,
      state: 'thread' as const,
      parts: [
        { part: 'participant' as const, health: 'missing' as const },
        { part: 'composer' as const, health: 'ambiguous' as const },
      ],
      drift: [
        participantDrift,
        { part: 'composer' as const, health: 'ambiguous' as const, failedSignals: [], skeleton: '' },
      ],
    },
  };

  it('is Markdown with version, platform, date, parts, failed signals and the censored skeleton', () => {
    expect(formatDiagnostic('en', 'instagram', health)).toBe(
      [
        '## DM Sidekick page diagnostic',
        '',
        '- Version: 1.2.3',
        '- Platform: Instagram (instagram)',
        '- Date: 2026-12-01T10:30:00.000Z',
        '- Cause: the page differs from what DM Sidekick knows',
        '- Page state: thread',
        '- Parts not read: participant (missing), composer (ambiguous)',
        '- Last read without trouble: 2026-11-30T09:00:00.000Z',
        '',
        '### participant (missing)',
        '',
        'Failed signals: profile-link, conversation-label',
        '',
        'Censored page structure (no text, names or ids):',
        '',
        '```html',
        '<main><div role="none"><span></span></div></main>',
        '```',
        '',
        '### composer (ambiguous)',
        '',
        'Failed signals: none',
        '',
      ].join('\n'),
    );
  });

  it('in German, with the same facts', () => {
    const german = formatDiagnostic('de', 'instagram', { ...health, lastOkAt: undefined });
    expect(german).toContain('## DM-Sidekick-Seitendiagnose');
    expect(german).toContain('- Plattform: Instagram (instagram)');
    expect(german).toContain('- Datum: 2026-12-01T10:30:00.000Z');
    expect(german).toContain('- Zuletzt ohne Probleme gelesen: keine');
    expect(german).toContain('Fehlgeschlagene Signale: profile-link, conversation-label');
  });
});
