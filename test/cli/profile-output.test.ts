/** What the CLI prints of a profile, from Adapty's answer as main reads it. */
import { describe, expect, it } from 'vitest';
import { readProfileBody } from '../../src/main/adapty/profile';
import { profileLines } from '../../src/cli/profile-output';
import type { Profile } from '../../src/shared/profile';

function profileOf(data: Record<string, unknown>): Profile {
  const read = readProfileBody({ data }, 0);
  if (!read.ok) throw new Error(read.error.message);
  return { ...read.value, query: { idType: 'customer_user_id', id: 'u' }, requestId: null };
}

describe('profileLines: stores', () => {
  it.each([
    ['app_store', 'App Store'],
    ['my_custom_store', 'my_custom_store'],
    // A custom store's name is Adapty's to choose: one that is also a property of every object is still just a name.
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
  ])('a purchase in the store "%s" is from %s', (store, shown) => {
    const lines = profileLines(profileOf({ access_levels: [{ access_level_id: 'pro', store, store_product_id: 'pro.yearly', expires_at: null }] }));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ {2}pro\\s+active\\s+${shown.replace(/[._]/g, '\\$&')} pro\\.yearly\\s+lifetime$`)));
  });
});
