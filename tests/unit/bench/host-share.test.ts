import { describe, expect, it } from 'vitest';
import { attribute } from '../../bench/host-share';

// The host share's attribution of a CPU profile: a sample is the script's that made the call, so the DOM
// work our content script asks for is ours, and what the engine does on its own is no one's.

const OURS = 'chrome-extension://abc/content-scripts/x.js';
const PAGE = 'https://x.com/main.js';

/** (root) → page's handler → querySelectorAll; (root) → our read → getBoundingClientRect; (root) → (garbage collector). */
const profile = {
  nodes: [
    { id: 1, callFrame: { url: '' }, children: [2, 4, 6] },
    { id: 2, callFrame: { url: PAGE }, children: [3] },
    { id: 3, callFrame: { url: '' } },
    { id: 4, callFrame: { url: OURS }, children: [5] },
    { id: 5, callFrame: { url: '' } },
    { id: 6, callFrame: { url: '' } },
  ],
  // timeDeltas[i + 1] is how long sample i ran (µs).
  samples: [2, 3, 4, 5, 5, 6],
  timeDeltas: [0, 1000, 2000, 3000, 4000, 5000, 6000],
};

describe('attribute', () => {
  it("counts a native call as the script's that made it, and engine work as no one's", () => {
    expect(attribute(profile)).toEqual({ page: 1 + 2, ours: 3 + 4 + 5 });
  });
});
