import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, sourceFiles } from './imports';

describe('bench hooks stay out of the product', () => {
  it('no entrypoint, utils/ or components/ module imports from tests/ (the bench build adds its hooks itself)', () => {
    const offenders = ['entrypoints', 'utils', 'components'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        importsOf(file, readFileSync(join(ROOT, file), 'utf8'))
          .filter(({ target }) => target.startsWith('tests/'))
          .map(({ target }) => `${file} → ${target}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
