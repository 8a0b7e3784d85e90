import { useEffect, useState } from 'react';

/** The current time, refreshed once a minute: waiting times are shown in minutes. */
export function useMinuteTick(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
