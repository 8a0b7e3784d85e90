import { describe, expect, it } from 'vitest';
import { createUploads, UPLOAD_PART_CHARS, uploadParts } from '@/utils/db/backup-upload';

// A backup file reaches the background in parts (one runtime message carries at most 64 MiB); the
// background puts them together again, or refuses the restore when one is missing.

const ID = '0b5a4a36-8a3c-4f5e-9b0e-7d1a2c3b4d5e';

describe('a backup file in parts', () => {
  it('parts of at most the part size join to the very text, surrogate pairs kept whole', () => {
    const text = 'ab😀cd😀😀e'.repeat(7);
    for (const size of [2, 3, 4, 5, 1000]) {
      const parts = uploadParts(text, ID, size);
      expect(parts.every((part) => part.part.length <= size && part.count === parts.length)).toBe(true);
      expect(parts.map((part) => part.index)).toEqual(parts.map((_, i) => i));
      expect(parts.map((part) => part.part).join('')).toBe(text);
      // No part ends in the first half of a pair (a lone half would not survive the message).
      expect(parts.some((part) => /[\ud800-\udbff]$/.test(part.part))).toBe(false);
    }
    expect(uploadParts('', ID)).toEqual([{ uploadId: ID, index: 0, count: 1, part: '' }]);
    expect(uploadParts('x'.repeat(UPLOAD_PART_CHARS + 1), ID).map((part) => part.part.length)).toEqual([
      UPLOAD_PART_CHARS,
      1,
    ]);
  });

  it('the background puts the parts together in any order, once; a part sent again replaces itself', () => {
    const uploads = createUploads();
    const parts = uploadParts('{"format":"dm-sidekick-backup"}', ID, 4);
    for (const part of [...parts].reverse()) uploads.add(part);
    uploads.add(parts[1] as (typeof parts)[number]);
    expect(uploads.take(ID)).toBe('{"format":"dm-sidekick-backup"}');
    expect(() => uploads.take(ID)).toThrow(/did not arrive completely/);
  });

  it('a missing part, parts that disagree on their count, or a stale upload: the restore is refused', () => {
    const uploads = createUploads();
    const parts = uploadParts('0123456789', ID, 3);
    for (const part of parts.slice(1)) uploads.add(part);
    expect(() => uploads.take(ID)).toThrow(
      expect.objectContaining({ reason: 'backup-refused', detail: { reason: 'backup-incomplete', values: {} } }),
    );
    uploads.add(parts[0] as (typeof parts)[number]);
    expect(() => uploads.add({ uploadId: ID, index: 0, count: 2, part: 'x' })).toThrow(/did not arrive completely/);

    let now = 0;
    const aging = createUploads(() => now);
    for (const part of parts) aging.add(part);
    now = 11 * 60 * 1000;
    aging.add({ uploadId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', index: 0, count: 1, part: '' });
    expect(() => aging.take(ID)).toThrow(/did not arrive completely/);
  });
});
