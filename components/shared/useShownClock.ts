import { useEffect, useState } from 'react';

/**
 * How often shown waits move on. Every page floors the wall clock to this step, so the panel, the dashboard
 * and the popup show the same wait at the same moment (each ticking once a minute from its own start, they
 * could show a minute apart for up to a minute), and a wait is at most this much behind.
 */
export const SHOWN_CLOCK_STEP_MS = 10_000;

/** The wall clock floored to the step: what the views measure waits against. */
export const shownNow = (time = Date.now()): number => time - (time % SHOWN_CLOCK_STEP_MS);

/** Calls `onTick(shownNow())` at each step boundary of the wall clock until the returned stop is called. */
export function watchShownClock(onTick: (now: number) => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const schedule = () => {
    timer = setTimeout(
      () => {
        onTick(shownNow());
        schedule();
      },
      SHOWN_CLOCK_STEP_MS - (Date.now() % SHOWN_CLOCK_STEP_MS),
    );
  };
  schedule();
  return () => clearTimeout(timer);
}

/** shownNow, updated at each step boundary. */
export function useShownClock(): number {
  const [now, setNow] = useState(() => shownNow());
  useEffect(() => watchShownClock(setNow), []);
  return now;
}
