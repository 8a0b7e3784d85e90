import { useLayoutEffect, useState } from 'react';
import type { RpcError } from '@/utils/messaging/errors';
import { subscribe } from '@/utils/messaging/live-client';
import type { LiveName, LiveParams, LiveResult } from '@/utils/messaging/protocol';

export type LiveState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: RpcError };

/** A live query's latest result; re-renders whenever the background pushes a new one. */
export function useLive<N extends LiveName>(name: N, params: LiveParams<N>): LiveState<LiveResult<N>> {
  const [state, setState] = useState<LiveState<LiveResult<N>>>({ status: 'loading' });
  const paramsKey = JSON.stringify(params);
  // A layout effect: a result the page already has (a shared subscription) arrives before this render is
  // painted, so a section never shows for one frame without its data and then grows (a layout shift).
  // biome-ignore lint/correctness/useExhaustiveDependencies: params are compared by value through paramsKey
  useLayoutEffect(
    () =>
      subscribe(
        name,
        params,
        (value) => setState({ status: 'ready', value }),
        (error) => setState({ status: 'error', error }),
      ),
    [name, paramsKey],
  );
  return state;
}
