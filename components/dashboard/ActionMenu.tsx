import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useI18n } from '../shared/i18n';

/**
 * A small menu of choices (snooze times, tags) opened by a key or a button: focus moves into it,
 * ↑ ↓ move, Enter or a click chooses, Escape closes; focus then goes back where the caller says.
 */
export function ActionMenu({
  label,
  items,
  onChoose,
  onClose,
}: {
  label: string;
  items: readonly { id: string; label: string }[];
  onChoose: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown') buttons[(current + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowUp') buttons[(current - 1 + buttons.length) % buttons.length]?.focus();
    else if (event.key === 'Escape') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={label}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="flex max-w-full flex-col gap-0.5 rounded border border-zinc-400 bg-white p-1 shadow dark:border-zinc-500 dark:bg-zinc-900"
    >
      <p className="px-2 text-xs text-zinc-700 dark:text-zinc-300">{t('triage.menuHint')}</p>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          onClick={() => onChoose(item.id)}
          className="rounded px-2 py-1 text-left hover:bg-zinc-100 focus:bg-indigo-100 dark:hover:bg-zinc-800 dark:focus:bg-indigo-950"
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
