import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gitignoreExcludes } from '@/utils/build/source-zip';

describe('the Firefox sources zip', () => {
  it('excludes what .gitignore ignores, at any depth unless the line names a path', () => {
    expect(
      gitignoreExcludes('node_modules/\n# comment\n\n.output*/\n*.log\nbench/results.json\n/out/\n!keep.log'),
    ).toEqual([
      'node_modules/**',
      '**/node_modules/**',
      '.output*/**',
      '**/.output*/**',
      '*.log',
      '**/*.log',
      'bench/results.json',
      'out/**',
    ]);
  });

  it("covers the repository's own test reports and screenshots", () => {
    const excludes = gitignoreExcludes(readFileSync('.gitignore', 'utf8'));
    expect(excludes).toEqual(expect.arrayContaining(['test-results/**', 'playwright-report/**']));
  });
});
