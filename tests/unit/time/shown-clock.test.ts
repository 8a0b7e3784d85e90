import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHOWN_CLOCK_STEP_MS, shownNow, watchShownClock } from '@/components/shared/useShownClock';

afterEach(() => vi.useRealTimers());

describe('the clock waits are shown against', () => {
  it('is the same in two views started at different moments, and never more than a step behind', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 12, 0, 3, 250) });
    // The panel starts 3.25 s into a minute, the dashboard 44 s later (each ticked a minute from its own start).
    let panel = shownNow();
    const stopPanel = watchShownClock((now) => {
      panel = now;
    });
    vi.advanceTimersByTime(44_000);
    let dashboard = shownNow();
    const stopDashboard = watchShownClock((now) => {
      dashboard = now;
    });
    for (let i = 0; i < 400; i++) {
      vi.advanceTimersByTime(733);
      expect(dashboard).toBe(panel);
      expect(Date.now() - panel).toBeGreaterThanOrEqual(0);
      expect(Date.now() - panel).toBeLessThan(SHOWN_CLOCK_STEP_MS);
    }
    stopPanel();
    stopDashboard();
    expect(vi.getTimerCount()).toBe(0);
  });
});
