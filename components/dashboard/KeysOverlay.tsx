import { useEffect, useRef } from 'react';
import type { MessageKey } from '@/utils/i18n/strings';
import { useI18n } from '../shared/i18n';

/** The triage inbox's keys; `a` only where team mode gives it something to do. */
export function triageKeys(withAssign: boolean): [string, MessageKey][] {
  return [
    ['j / k', 'triage.key.move'],
    ['Enter / o', 'triage.key.open'],
    ['e', 'triage.key.done'],
    ['s', 'triage.key.snooze'],
    ['t', 'triage.key.tag'],
    ...(withAssign ? ([['a', 'triage.key.assign']] as [string, MessageKey][]) : []),
    ['x', 'triage.key.select'],
    ['/', 'triage.key.search'],
    ['?', 'triage.key.help'],
    ['Escape', 'triage.key.escape'],
  ];
}

/** "?": every key of the triage inbox, in a dialog that Escape or its button closes. */
export function KeysOverlay({ withAssign, onClose }: { withAssign: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="triage-keys-heading"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
      className="fixed inset-0 z-20 flex items-center justify-center bg-black/40 p-4"
    >
      <div className="flex max-h-full w-full max-w-sm flex-col gap-3 overflow-y-auto rounded bg-white p-4 text-zinc-900 shadow-lg dark:bg-zinc-900 dark:text-zinc-100">
        <h2 id="triage-keys-heading" className="text-lg font-semibold">
          {t('triage.keysHeading')}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {triageKeys(withAssign).map(([keys, description]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-zinc-400 px-1 font-mono">{keys}</kbd>
              </dt>
              <dd>{t(description)}</dd>
            </div>
          ))}
        </dl>
        <button
          ref={close}
          type="button"
          onClick={onClose}
          className="self-end rounded border border-zinc-500 px-3 py-1"
        >
          {t('triage.keysClose')}
        </button>
      </div>
    </div>
  );
}
