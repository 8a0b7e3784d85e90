import { browser } from 'wxt/browser';
import { registerPanel } from '../messaging/content-client';
import type { PanelFrameLabels } from '../messaging/protocol';
import type { Platform } from '../platforms/sites';

/** The accessible name of the in-page panel; tests and assistive tech find it by this title. */
export const PANEL_TITLE = 'DM Sidekick';
export const PANEL_WIDTH = { min: 280, max: 640, initial: 360 } as const;
const LAYOUT_KEY = 'panel.layout';

type Layout = { width: number; collapsed: boolean };

/** Attributes of ours the page might add to hide or disable the panel; we never set them. */
const FOREIGN_ATTRIBUTES = ['class', 'hidden', 'inert'];
/**
 * Restorations allowed per RESTORE_WINDOW_MS: a page that keeps undoing them would otherwise keep the tab
 * busy forever; then the panel gives up (as Bitwarden's inline menu does).
 */
const RESTORE_LIMIT = 20;
const RESTORE_WINDOW_MS = 10_000;
/** Set on our elements so that no page rule can hide them (an inline !important outranks the page's). */
const SHOWN = { visibility: 'visible', opacity: '1', transform: 'none', clipPath: 'none', filter: 'none' };

const clampWidth = (width: number) => Math.round(Math.min(PANEL_WIDTH.max, Math.max(PANEL_WIDTH.min, width)));

/**
 * The in-page panel: an extension page in an iframe, cross-origin to the host, so the site's scripts can
 * read none of it (not even keys typed into it) and no CSS leaks either way. Around it, in the host page,
 * only two controls of ours: a resize handle and the slim tab shown while collapsed. Width and collapsed
 * state are remembered (extension storage, which the site cannot read).
 *
 * It defends itself (issue #15, point 2): the frame's key (utils/messaging/panel-keys.ts) reaches it only
 * through a navigation of its location, never its `src`; the page removing, restyling or re-pointing it is
 * undone at once (a reloaded frame gets a new key), after the model of Bitwarden's inline-menu
 * `handleMutations`. Our inline styles are `!important`, so no page stylesheet overrides them.
 */
export class PanelFrame {
  readonly iframe: HTMLIFrameElement;
  private readonly root = document.createElement('div');
  private readonly handle = document.createElement('div');
  private readonly tab = document.createElement('button');
  private layout: Layout = { width: PANEL_WIDTH.initial, collapsed: false };
  /** The frame's URL without its key: what its `src` says (the page may read it). */
  private readonly panelUrl: string;
  /** Each element's inline style as we last set it: anything else is the page's doing. */
  private readonly ownStyles = new Map<HTMLElement, string>();
  private readonly guard = new MutationObserver(() => this.restore());
  private restoredAt: number[] = [];
  private removed = false;
  /** The URL the loaded frame has (see the constructor), to which its key is added as a fragment. */
  private readonly loadedUrl: string;
  /** The frame's next key, once the background has it; the frame gets it once it has loaded, and once. */
  private key: string | undefined;
  private loaded = false;

  constructor(platform: Platform) {
    this.iframe = document.createElement('iframe');
    this.iframe.title = PANEL_TITLE;
    const src = browser.runtime.getURL('/panel.html');
    // A cross-origin frame may write to the clipboard only when allowed to (the panel's "Copy"). With
    // use_dynamic_url Chromium 156 loads the panel under the extension id's origin, not the URL's
    // per-session one, so the 'src' default does not cover it: both origins are named (measured, e2e).
    const { protocol, origin } = new URL(src);
    this.iframe.allow = `clipboard-write ${origin} ${protocol}//${browser.runtime.id}`;
    this.panelUrl = `${src}#platform=${platform}`;
    // That same origin is the loaded frame's URL: handing over the key there is a fragment navigation
    // (no reload). Without use_dynamic_url (Firefox) the two are one.
    const loadedOrigin = protocol === 'chrome-extension:' ? `${protocol}//${browser.runtime.id}` : origin;
    this.loadedUrl = `${loadedOrigin}/panel.html#platform=${platform}`;
    this.iframe.src = this.panelUrl;
    this.iframe.addEventListener('load', () => {
      // A document we can read (the about:blank the page pointed us at) is not the cross-origin panel.
      if (this.iframe.contentDocument) return;
      this.loaded = true;
      this.giveKey();
    });
    // Inline styles only: nothing is added to the host's stylesheets.
    style(this.root, {
      position: 'fixed',
      top: '0',
      right: '0',
      height: '100vh',
      zIndex: '2147483646',
      display: 'flex',
      ...SHOWN,
    });
    style(this.iframe, {
      border: '0',
      borderLeft: '1px solid rgba(127,127,127,.35)',
      height: '100%',
      width: '100%',
      colorScheme: 'normal',
      background: 'transparent',
      display: 'block',
      pointerEvents: 'auto',
      ...SHOWN,
    });
    style(this.handle, { width: '6px', cursor: 'ew-resize', background: 'transparent', flex: 'none' });
    // Its words come with the background's answer to the handshake (label()).
    Object.assign(this.handle, { tabIndex: 0, role: 'separator' });
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
      ...SHOWN,
    });
    this.tab.type = 'button';
    this.tab.textContent = PANEL_TITLE;
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
    this.rekey();
    this.guard.observe(document.documentElement, { childList: true });
    for (const element of this.elements()) this.guard.observe(element, { attributes: true });
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
    this.removed = true;
    this.guard.disconnect();
    document.documentElement.style.marginRight = '';
    this.root.remove();
    this.tab.remove();
  }

  private apply() {
    // The page gives up the panel's width, so its composer and Send button stay uncovered.
    document.documentElement.style.marginRight = this.layout.collapsed ? '' : `${this.layout.width}px`;
    style(this.root, { width: `${this.layout.width}px`, display: this.layout.collapsed ? 'none' : 'flex' });
    style(this.tab, { display: this.layout.collapsed ? 'block' : 'none' });
    this.handle.setAttribute('aria-valuenow', String(this.layout.width));
    this.rememberStyles();
  }

  private elements(): HTMLElement[] {
    return [this.root, this.handle, this.iframe, this.tab];
  }

  private rememberStyles() {
    for (const element of this.elements()) this.ownStyles.set(element, element.style.cssText);
  }

  /** A new key for the frame: registered with the background, then given to the frame by navigation. */
  /** The controls' words in the person's language (the background words them: utils/i18n/). */
  private label({ resize, resizeHint, open }: PanelFrameLabels) {
    this.handle.title = resizeHint;
    this.handle.setAttribute('aria-label', resize);
    this.tab.setAttribute('aria-label', open);
  }

  private rekey() {
    const key = crypto.randomUUID();
    this.key = undefined;
    registerPanel(key)
      .then((labels) => {
        this.label(labels);
        this.key = key;
        this.giveKey();
      })
      .catch((error: Error) => console.warn('DM Sidekick: could not set up the panel:', error.message));
  }

  /** Navigates the loaded frame to its URL plus the key: only the frame and we see that URL, not the page. */
  private giveKey() {
    if (this.removed || !this.loaded || !this.key) return;
    this.iframe.contentWindow?.location.replace(`${this.loadedUrl}&key=${this.key}`);
    this.key = undefined;
  }

  /** Undoes what the page did to the panel: removed, moved, restyled or re-pointed elements of ours. */
  private restore() {
    if (this.removed) return;
    const reloads =
      !this.root.isConnected ||
      this.iframe.parentNode !== this.root ||
      this.iframe.getAttribute('src') !== this.panelUrl;
    const restyled = this.elements().some(
      (element) =>
        element.style.cssText !== this.ownStyles.get(element) ||
        FOREIGN_ATTRIBUTES.some((name) => element.hasAttribute(name)),
    );
    if (!reloads && !restyled && this.tab.isConnected) return;
    const now = performance.now();
    this.restoredAt = [...this.restoredAt.filter((at) => now - at < RESTORE_WINDOW_MS), now];
    if (this.restoredAt.length > RESTORE_LIMIT) {
      console.warn('DM Sidekick: the page keeps removing the panel; it stays away until the page is reloaded.');
      this.remove();
      return;
    }
    for (const element of this.elements()) {
      for (const name of FOREIGN_ATTRIBUTES) element.removeAttribute(name);
      element.style.cssText = this.ownStyles.get(element) ?? '';
    }
    if (this.iframe.getAttribute('src') !== this.panelUrl) {
      // Setting the src back did not always bring the panel back (measured, e2e): a fresh frame does.
      this.iframe.src = this.panelUrl;
      this.iframe.remove();
    }
    if (this.iframe.parentNode !== this.root) this.root.append(this.handle, this.iframe);
    if (!this.root.isConnected || !this.tab.isConnected) document.documentElement.append(this.root, this.tab);
    // A frame re-inserted or re-pointed is a new document: it needs a new key.
    if (reloads) {
      this.loaded = false;
      this.rekey();
    }
  }

  private save() {
    void browser.storage.local.set({ [LAYOUT_KEY]: this.layout });
  }

  private startResize(event: PointerEvent) {
    event.preventDefault();
    this.handle.setPointerCapture(event.pointerId);
    // The iframe would swallow pointer events while dragging over it.
    style(this.iframe, { pointerEvents: 'none' });
    this.rememberStyles();
    const move = (e: PointerEvent) => {
      this.layout.width = clampWidth(document.documentElement.clientWidth + this.layout.width - e.clientX);
      this.apply();
    };
    const stop = () => {
      style(this.iframe, { pointerEvents: 'auto' });
      this.rememberStyles();
      this.handle.removeEventListener('pointermove', move);
      this.save();
    };
    this.handle.addEventListener('pointermove', move);
    this.handle.addEventListener('pointerup', stop, { once: true });
    this.handle.addEventListener('pointercancel', stop, { once: true });
  }
}

/** Inline and `!important`: no rule of the page's stylesheets outranks it. */
function style(element: HTMLElement, properties: Partial<Record<keyof CSSStyleDeclaration, string>>) {
  for (const [name, value] of Object.entries(properties)) {
    const property = name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    element.style.setProperty(property, value ?? '', 'important');
  }
}
