// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTyping } from '@/utils/content/typing-watch';
import { context } from '../content/context';

// Team mode's "is replying" comes from input events in the page's composer; only the fact is reported.

describe('watchTyping', () => {
  let invalidate = () => {};
  afterEach(() => {
    invalidate();
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  const start = () => {
    const report = vi.fn(() => Promise.resolve());
    const made = context();
    invalidate = made.invalidate;
    watchTyping(made.ctx, report);
    return report;
  };
  const type = (target: Element, text = 'secret words') => {
    if (target instanceof HTMLTextAreaElement) target.value += text;
    else target.textContent += text;
    target.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text }));
  };

  it('reports typing in a textarea and in a contenteditable composer, without the text, at most every 3 s', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const report = start();
    const textarea = document.body.appendChild(document.createElement('textarea'));
    const editor = document.body.appendChild(document.createElement('div'));
    editor.contentEditable = 'true';
    // jsdom does not derive isContentEditable from the attribute.
    Object.defineProperty(editor, 'isContentEditable', { value: true });

    type(textarea);
    type(editor);
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]).toEqual([]);
    vi.setSystemTime(1_003_000);
    type(editor);
    expect(report).toHaveBeenCalledTimes(2);
  });

  it('finds a composer inside a shadow root (the event reaches the document retargeted to its host)', () => {
    const report = start();
    const host = document.body.appendChild(document.createElement('div'));
    const textarea = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('textarea'));
    type(textarea);
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('ignores search boxes and other <input>s, and stops when the content script is invalidated', () => {
    const report = start();
    type(document.body.appendChild(document.createElement('input')));
    expect(report).not.toHaveBeenCalled();
    invalidate();
    type(document.body.appendChild(document.createElement('textarea')));
    expect(report).not.toHaveBeenCalled();
  });
});
