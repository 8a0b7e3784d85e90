import { describe, expect, it } from 'vitest';
import { canonicalContent, compareSemver, contentHash, type TemplateContent } from '@/utils/packs/content';

const base: TemplateContent = { title: 'T', body: 'B', folder: '', tags: [], platforms: [] };

describe('content fingerprints', () => {
  it('differ for every kind of edit and ignore absent-vs-empty', () => {
    const variants: TemplateContent[] = [
      base,
      { ...base, title: 'T2' },
      { ...base, body: 'B ' },
      { ...base, shortcut: '/t' },
      { ...base, folder: 'F' },
      { ...base, tags: ['a'] },
      { ...base, tags: ['a', 'b'] },
      { ...base, tags: ['b', 'a'] },
      { ...base, platforms: ['x'] },
      { ...base, language: 'de' },
      { ...base, title: 'B', body: 'T' },
    ];
    expect(new Set(variants.map(contentHash)).size).toBe(variants.length);
    expect(contentHash({ ...base, shortcut: '' })).toBe(contentHash(base));
    expect(canonicalContent({ ...base, language: undefined })).toBe(canonicalContent(base));
  });
});

describe('compareSemver', () => {
  it('orders by semver precedence', () => {
    const ordered = [
      '0.9.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.2.0',
      '1.10.0',
      '2.0.0',
      '99999999999999999999.0.0',
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareSemver(ordered[i]!, ordered[j]!)), `${ordered[i]} vs ${ordered[j]}`).toBe(
          Math.sign(i - j),
        );
      }
    }
  });

  it('ignores build metadata and tolerates stored leading zeros', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0')).toBe(0);
    expect(compareSemver('01.02.003', '1.2.3')).toBe(0);
    expect(compareSemver('garbage', '0.0.0')).toBeLessThan(0);
  });
});
