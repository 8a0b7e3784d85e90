import { describe, expect, it } from 'vitest';
import { parsePack } from '@/utils/packs/parse';
import { benchPackText, packBench } from '../../bench/pack-hooks';

describe('pack bench hooks (tests/bench/pack-hooks.ts)', () => {
  it('the bench pack is valid and the measurement runs (small size; not timed)', async () => {
    expect(parsePack(benchPackText(5_000)).templates).toHaveLength(5_000);
    const figures = await packBench.importMs(50);
    expect(Object.keys(figures)).toEqual(['parseMs', 'planMs', 'applyMs', 'updatePlanMs', 'updateApplyMs', 'floorMs']);
    for (const ms of Object.values(figures)) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
