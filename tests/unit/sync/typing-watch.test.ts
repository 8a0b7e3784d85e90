// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTyping } from '@/utils/content/typing-watch';
import { composerAdapter } from '../content/adapter';
import { context } from '../content/context';

// Team mode's "is replying" comes from input events in the adapter's composer only; only the fact is reported.

describe('watchTyping', () => {
  let invalidate = () => {};
  afterEach(() => {
    invalidate();
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  const start = (composer: HTMLElement) => {
    const report = vi.fn(() => Promise.resolve());
    const made = context();
    invalidate = made.invalidate;
    watchTyping(made.ctx, composerAdapter(composer), report);
    return report;
  };
  /** Focus enters `target` (composed: from inside a shadow root too), then it gets text. */
  const type = (target: Element, text = 'secret words') => {
    target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    if (target instanceof HTMLTextAreaElement) target.value += text;
    else target.textContent += text;
    target.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text }));
  };
  const contentEditable = () => {
    const editor = document.body.appendChild(document.createElement('div'));
    editor.contentEditable = 'true';
    return editor;
  };

  it('reports typing in the composer, without the text, at most every 3 s', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const composer = contentEditable();
    const paragraph = composer.appendChild(document.createElement('p'));
    const report = start(composer);

    type(paragraph);
    type(paragraph);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]).toEqual([]);
    vi.setSystemTime(1_003_000);
    type(paragraph);
    expect(report).toHaveBeenCalledTimes(2);
  });

  it('reports typing in a composer that had focus before the script started (no focusin for it)', () => {
    const composer = document.body.appendChild(document.createElement('textarea'));
    composer.focus();
    const report = start(composer);
    composer.value += 'secret words';
    composer.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: 'secret words' }));
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('reports nothing for typing in any other field of the page: another textarea, contenteditable or input', () => {
    const composer = document.body.appendChild(document.createElement('textarea'));
    const report = start(composer);
    type(document.body.appendChild(document.createElement('textarea')));
    type(contentEditable());
    type(document.body.appendChild(document.createElement('input')));
    expect(report).not.toHaveBeenCalled();
    // Back in the composer after the other fields: reported.
    type(composer);
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('finds a composer inside a shadow root (the events reach the document retargeted to its host)', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = host.attachShadow({ mode: 'open' });
    const composer = root.appendChild(document.createElement('textarea'));
    const report = start(composer);
    type(root.appendChild(document.createElement('textarea')));
    expect(report).not.toHaveBeenCalled();
    type(composer);
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('stops when the content script is invalidated', () => {
    const composer = document.body.appendChild(document.createElement('textarea'));
    const report = start(composer);
    invalidate();
    type(composer);
    expect(report).not.toHaveBeenCalled();
  });
});
