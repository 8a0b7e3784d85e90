import { browser } from 'wxt/browser';
import type { Platform } from '../platforms/sites';

/** The accessible name of the in-page panel; tests and assistive tech find it by this title. */
export const PANEL_TITLE = 'DM Sidekick';
export const PANEL_WIDTH = { min: 280, max: 640, initial: 360 } as const;
const LAYOUT_KEY = 'panel.layout';

type Layout = { width: number; collapsed: boolean };

const clampWidth = (width: number) => Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, width)));

/**
 * The in-page panel: an extension page in an iframe, cross-origin to the host, so the site's scripts can
 * read none of it (not even keys typed into it) and no CSS leaks either way. Around it, in the host page,
 * only two controls of ours: a resize handle and the slim tab shown while collapsed. Width and collapsed
 * state are remembered (extension storage, which the site cannot read).
 */
export class PanelFrame {
  readonly iframe: HTMLIFrameElement;
  private readonly root = document.createElement('div');
  private readonly handle = document.createElement('div');
  private readonly tab = document.createElement('button');
  private layout: Layout = { width: PANEL_WIDTH.initial, collapsed: false };

  constructor(platform: Platform) {
    this.iframe = document.createElement('iframe');
    this.iframe.title = PANEL_TITLE;
    const src = browser.runtime.getURL('/panel.html');
    // A cross-origin frame may write to the clipboard only when allowed to (the panel's "Copy"). With
    // use_dynamic_url Chromium 156 loads the panel under the extension id's origin, not the URL's
    // per-session one, so the 'src' default does not cover it: both origins are named (measured, e2e).
    const { protocol, origin } = new URL(src);
    this.iframe.allow = `clipboard-write ${origin} ${protocol}//${browser.runtime.id}`;
    this.iframe.src = `${src}#platform=${platform}`;
    // Inline styles only: nothing is added to the host's stylesheets.
    style(this.root, {
      position: 'fixed',
      top: '0',
      right: '0',
      height: '100vh',
      zIndex: '2147483646',
      display: 'flex',
    });
    style(this.iframe, {
      border: '0',
      borderLeft: '1px solid rgba(127,127,127,.35)',
      height: '100%',
      width: '100%',
      colorScheme: 'normal',
      background: 'transparent',
    });
    style(this.handle, { width: '6px', cursor: 'ew-resize', background: 'transparent', flex: 'none' });
    Object.assign(this.handle, { tabIndex: 0, role: 'separator', title: 'Resize DM Sidekick (← →)' });
    this.handle.setAttribute('aria-label', 'Resize DM Sidekick');
    this.handle.setAttribute('aria-orientation', 'vertical');
    style(this.tab, {
      position: 'fixed',
      top: '40%',
      right: '0',
      zIndex: '2147483646',
      writingMode: 'vertical-rl',
      padding: '10px 4px',
      border: '0',
      borderRadius: '6px 0 0 6px',
      background: '#4338ca',
      color: '#fff',
      font: '600 12px system-ui, sans-serif',
      cursor: 'pointer',
    });
    this.tab.type = 'button';
    this.tab.textContent = PANEL_TITLE;
    this.tab.setAttribute('aria-label', 'Open DM Sidekick');
    this.tab.addEventListener('click', () => this.setCollapsed(false));
    this.handle.addEventListener('pointerdown', (event) => this.startResize(event));
    this.handle.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowLeft' ? 20 : event.key === 'ArrowRight' ? -20 : 0;
      if (!step) return;
      event.preventDefault();
      this.setWidth(this.layout.width + step);
    });
    this.root.append(this.handle, this.iframe);
    document.documentElement.append(this.root, this.tab);
    this.apply();
    void browser.storage.local.get(LAYOUT_KEY).then((stored) => {
      const saved = stored[LAYOUT_KEY] as Partial<Layout> | undefined;
      if (typeof saved?.width === 'number') this.layout.width = clampWidth(saved.width);
      if (typeof saved?.collapsed === 'boolean') this.layout.collapsed = saved.collapsed;
      this.apply();
    });
  }

  get isConnected(): boolean {
    return this.root.isConnected;
  }

  setCollapsed(collapsed: boolean): void {
    this.layout.collapsed = collapsed;
    this.apply();
    this.save();
    if (!collapsed) this.iframe.focus();
  }

  setWidth(width: number): void {
    this.layout.width = clampWidth(width);
    this.apply();
    this.save();
  }

  /** Opens the panel (if collapsed) and moves keyboard focus into it. */
  reveal(): void {
    if (this.layout.collapsed) this.setCollapsed(false);
    this.iframe.focus();
  }

  remove(): void {
    document.documentElement.style.marginRight = '';
    this.root.remove();
    this.tab.remove();
  }

  private apply() {
    // The page gives up the panel's width, so its composer and Send button stay uncovered.
    document.documentElement.style.marginRight = this.layout.collapsed ? '' : `${this.layout.width}px`;
    this.root.style.width = `${this.layout.width}px`;
    this.root.style.display = this.layout.collapsed ? 'none' : 'flex';
    this.tab.style.display = this.layout.collapsed ? 'block' : 'none';
    this.handle.setAttribute('aria-valuenow', String(this.layout.width));
  }

  private save() {
    void browser.storage.local.set({ [LAYOUT_KEY]: this.layout });
  }

  private startResize(event: PointerEvent) {
    event.preventDefault();
    this.handle.setPointerCapture(event.pointerId);
    // The iframe would swallow pointer events while dragging over it.
    this.iframe.style.pointerEvents = 'none';
    const move = (e: PointerEvent) => {
      this.layout.width = clampWidth(document.documentElement.clientWidth + this.layout.width - e.clientX);
      this.apply();
    };
    const stop = () => {
      this.iframe.style.pointerEvents = '';
      this.handle.removeEventListener('pointermove', move);
      this.save();
    };
    this.handle.addEventListener('pointermove', move);
    this.handle.addEventListener('pointerup', stop, { once: true });
    this.handle.addEventListener('pointercancel', stop, { once: true });
  }
}

function style(element: HTMLElement, properties: Partial<CSSStyleDeclaration>) {
  Object.assign(element.style, properties);
}
