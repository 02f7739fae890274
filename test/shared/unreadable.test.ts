import { describe, expect, it } from 'vitest';
import { partUnreadable, unreadableError } from '../../src/shared/unreadable';

describe('an answer read in part', () => {
  it('ends as invalid_response naming every field that could not be read (a batch row shows no other)', () => {
    const error = unreadableError({
      requestId: 'req-1',
      unreadable: [
        { field: 'appsflyer_id', message: '"appsflyer_id" should be a string or null, got number' },
        { field: 'adjust_device_id', message: '"adjust_device_id" should be a string or null, got an object' },
      ],
    });
    expect(error).toMatchObject({ kind: 'invalid_response', field: 'appsflyer_id', requestId: 'req-1' });
    expect(error?.message).toBe(
      'Adapty\'s answer has an unexpected shape: "appsflyer_id" should be a string or null, got number; "adjust_device_id" should be a string or null, got an object. Every other field was read.',
    );
    expect(unreadableError({ requestId: null })).toBeNull();
    expect(unreadableError({ requestId: null, unreadable: [] })).toBeNull();
  });

  it('says which part of a profile was left out: the field itself or anything inside it, not a neighbour of a similar name', () => {
    const profile = { unreadable: [{ field: 'data.access_levels', message: 'x' }, { field: 'data.subscriptions.0.store', message: 'y' }] };
    expect(partUnreadable(profile, 'access_levels')).toBe(true);
    expect(partUnreadable(profile, 'subscriptions')).toBe(true);
    expect(partUnreadable(profile, 'access')).toBe(false);
    expect(partUnreadable(profile, 'custom_attributes')).toBe(false);
    expect(partUnreadable({}, 'access_levels')).toBe(false);
  });
});
