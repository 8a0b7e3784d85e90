import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, ROOT, sourceFiles } from './imports';

const MESSAGING = 'utils/messaging/';

/**
 * Who in utils/ may import the messaging layer: the layer itself and the content scripts' wiring. Domain
 * modules (db, packs, sla, sync, …) throw their own errors (`DomainError`); the layer maps them.
 */
const ALLOWED: { prefix: string; why: string; typeOnly?: boolean }[] = [
  { prefix: 'utils/messaging/', why: 'the layer itself' },
  { prefix: 'utils/content/', why: "the content scripts' wiring: reports, commands, the panel handshake" },
];

describe('layers: the domain does not know the messaging layer', () => {
  it('finds relative, aliased and dynamic imports (the scanner sees what it must)', () => {
    const text = [
      "import { RpcError } from '../messaging/errors';",
      "import type { RpcName } from '@/utils/messaging/protocol';",
      "const later = import('../messaging/client');",
      "import '../messaging/wake';",
    ].join('\n');
    expect(importsOf('utils/db/x.ts', text)).toEqual([
      { target: 'utils/messaging/errors', typeOnly: false, dynamic: false },
      { target: 'utils/messaging/protocol', typeOnly: true, dynamic: false },
      { target: 'utils/messaging/client', typeOnly: false, dynamic: true },
      { target: 'utils/messaging/wake', typeOnly: false, dynamic: false },
    ]);
  });

  it('no module of utils/ outside the allowed ones imports utils/messaging/', () => {
    const offenders = sourceFiles('utils').flatMap((file) => {
      const allowed = ALLOWED.find((rule) => file.startsWith(rule.prefix));
      return importsOf(file, readFileSync(join(ROOT, file), 'utf8'))
        .filter(({ target }) => target.startsWith(MESSAGING))
        .filter(({ typeOnly }) => !allowed || (allowed.typeOnly && !typeOnly))
        .map(({ target }) => `${file} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });
});
