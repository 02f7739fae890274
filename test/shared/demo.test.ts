import { describe, expect, it } from 'vitest';
import { SAMPLE_PROFILES, SCENARIO_PREFIX, SCENARIOS } from '../../src/main/local-adapty/profiles';
import { DEMO_IDS, DEMO_TIMEOUT_MS, demoIds } from '../../src/shared/demo';

describe('the IDs the demo suggests', () => {
  it.each(DEMO_IDS.map(({ id, what }) => [id, what]))('%s (%s) is one the local server knows as meant', (id, what) => {
    // A scenario by its name (`scenario:slow:8000` is slow, with its delay).
    if (id.startsWith(SCENARIO_PREFIX)) expect(Object.keys(SCENARIOS)).toContain(id.slice(SCENARIO_PREFIX.length).split(':')[0]);
    else if (what === 'not found') expect(SAMPLE_PROFILES.some((p) => p.customerUserId === id || p.profileId === id)).toBe(false);
    else expect(SAMPLE_PROFILES.some((p) => p.customerUserId === id || p.profileId === id)).toBe(true);
  });

  it.each([DEMO_TIMEOUT_MS, 1_000, 60_000])('through a timeout of %i ms, one ID is slower than it, and says so', (timeoutMs) => {
    const slow = demoIds(timeoutMs).filter(({ id }) => id.startsWith(`${SCENARIO_PREFIX}slow:`));
    const delays = slow.map(({ id }) => Number(id.split(':')[2]));
    expect(delays.filter((ms) => ms > timeoutMs)).toHaveLength(1);
    expect(slow.find(({ id }) => Number(id.split(':')[2]) > timeoutMs)?.what).toContain(`${timeoutMs / 1000} s timeout`);
  });
});
