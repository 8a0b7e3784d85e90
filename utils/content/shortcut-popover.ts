import type { ShortcutEntry, Trigger } from '../shortcuts/match';

/**
 * The suggestion list while a shortcut is being typed: a minimal popover in a CLOSED shadow root (see
 * ARCHITECTURE "Shortcut suggestions" for why not our iframe). It shows titles and shortcuts only (the
 * content script has no bodies), never takes the focus (the person keeps typing in the composer, whose
 * keys the content script routes here), and inline styles keep the page's CSS out.
 */
export class ShortcutPopover {
  private readonly host = document.createElement('div');
  private readonly list = document.createElement('ul');
  private entries: ShortcutEntry[] = [];
  private active = 0;

  constructor(label: string) {
    const root = this.host.attachShadow({ mode: 'closed' });
    Object.assign(this.host.style, { position: 'fixed', zIndex: '2147483647', display: 'none' });
    this.list.setAttribute('role', 'listbox');
    this.list.setAttribute('aria-label', label);
    Object.assign(this.list.style, {
      margin: '0',
      padding: '4px',
      listStyle: 'none',
      minWidth: '200px',
      maxWidth: '360px',
      background: '#fff',
      color: '#18181b',
      border: '1px solid #a1a1aa',
      borderRadius: '6px',
      boxShadow: '0 4px 12px rgba(0,0,0,.15)',
      font: '13px system-ui, sans-serif',
    });
    root.append(this.list);
  }

  get isOpen(): boolean {
    return this.host.isConnected && this.entries.length > 0;
  }

  get selected(): ShortcutEntry | undefined {
    return this.entries[this.active];
  }

  /** Shows `entries` above the composer, the first highlighted. */
  show(entries: ShortcutEntry[], trigger: Trigger, composer: HTMLElement): void {
    this.entries = entries;
    this.active = 0;
    this.list.replaceChildren(
      ...entries.map((entry) => {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.textContent = `${trigger}${entry.shortcut} · ${entry.title}`;
        Object.assign(item.style, {
          padding: '3px 6px',
          borderRadius: '4px',
          whiteSpace: 'nowrap',
          overflow: 'hidden',
        });
        return item;
      }),
    );
    const box = composer.getBoundingClientRect();
    Object.assign(this.host.style, {
      display: 'block',
      left: `${Math.max(0, box.left)}px`,
      bottom: `${Math.max(0, window.innerHeight - box.top + 4)}px`,
    });
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.highlight();
  }

  move(step: 1 | -1): void {
    this.active = (this.active + step + this.entries.length) % this.entries.length;
    this.highlight();
  }

  hide(): void {
    this.entries = [];
    this.host.remove();
  }

  private highlight() {
    [...this.list.children].forEach((item, index) => {
      const on = index === this.active;
      item.setAttribute('aria-selected', String(on));
      (item as HTMLElement).style.background = on ? '#e0e7ff' : 'transparent';
    });
  }
}
