import { describe, expect, it } from 'vitest';
import { SAMPLE_PROFILES, SCENARIO_PREFIX, SCENARIOS } from '../../src/main/local-adapty/profiles';
import { DEMO_IDS } from '../../src/shared/demo';

describe('the IDs the demo suggests', () => {
  it.each(DEMO_IDS.map(({ id, what }) => [id, what]))('%s (%s) is one the local server knows as meant', (id, what) => {
    // A scenario by its name (`scenario:slow:8000` is slow, with its delay).
    if (id.startsWith(SCENARIO_PREFIX)) expect(Object.keys(SCENARIOS)).toContain(id.slice(SCENARIO_PREFIX.length).split(':')[0]);
    else if (what === 'not found') expect(SAMPLE_PROFILES.some((p) => p.customerUserId === id || p.profileId === id)).toBe(false);
    else expect(SAMPLE_PROFILES.some((p) => p.customerUserId === id || p.profileId === id)).toBe(true);
  });
});
