import { describe, expect, it, vi } from 'vitest';
import { readTextFile } from '@/utils/text-file';
import { answeredError } from './answered';

describe('readTextFile: a chosen file, checked before anything is sent', () => {
  it('refuses a file over the limit by its size, without reading it', async () => {
    const arrayBuffer = vi.fn();
    const huge = { name: 'backup.json', size: 65 * 1024 * 1024, arrayBuffer } as unknown as File;
    await expect(answeredError(readTextFile(huge, 40 * 1024 * 1024))).resolves.toMatchObject({
      code: 'invalid',
      detail: { reason: 'file-too-large', values: { name: 'backup.json', limitMb: 40 } },
    });
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', async () => {
    const latin1 = new File([new Uint8Array([0x7b, 0x22, 0x4b, 0xf6, 0x6c, 0x6e, 0x22, 0x7d])], 'pack.json');
    await expect(readTextFile(latin1, 1024)).rejects.toMatchObject({
      detail: { reason: 'file-not-utf8', values: { name: 'pack.json' } },
    });
  });

  it('reads UTF-8 text exactly (a byte-order mark is not part of it)', async () => {
    const text = '{"note":"Grüße aus Köln 🙂"}';
    const file = new File([new Uint8Array([0xef, 0xbb, 0xbf]), text], 'ok.json');
    expect(await readTextFile(file, 1024)).toBe(text);
    expect(await readTextFile(new File([text], 'exact.json'), new Blob([text]).size)).toBe(text);
  });
});
