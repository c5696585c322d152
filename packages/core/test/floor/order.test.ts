/** The order rules of the list of speakers, as pure functions. */
import { describe, expect, it } from 'vitest';
import { balancedOrder, insertionIndex, moveTo, type Waiting } from '../../src/floor/order.js';
import type { FloorKind } from '../../src/schemas/floor.js';
import type { ParticipantType } from '../../src/schemas/values.js';

let t = 0;
const w = (
  id: string,
  kind: FloorKind = 'statement',
  type: ParticipantType | null = 'government',
): Waiting => ({
  id,
  kind,
  participantType: type,
  requestedAt: new Date(Date.UTC(2026, 0, 1) + ++t * 1000),
});

describe('where a request joins the list', () => {
  const queue = [w('p1', 'point_of_order'), w('s1'), w('r1', 'reply'), w('s2'), w('r2', 'reply')];
  it('puts a point of order after the points of order at the head', () => {
    expect(insertionIndex(queue, 'point_of_order')).toBe(1);
    expect(insertionIndex([], 'point_of_order')).toBe(0);
    // A point of order the chair moved down is not "at the head".
    expect(insertionIndex([w('s'), w('p', 'point_of_order')], 'point_of_order')).toBe(0);
  });
  it('puts a statement after the last statement, a reply at the end', () => {
    expect(insertionIndex(queue, 'statement')).toBe(4);
    expect(insertionIndex([w('r', 'reply')], 'statement')).toBe(0);
    expect(insertionIndex([w('p', 'point_of_order')], 'statement')).toBe(1);
    expect(insertionIndex(queue, 'reply')).toBe(5);
  });
});

describe('the balanced order', () => {
  it('alternates participant types in their cycle, first come within each', () => {
    const queue = [
      w('cs1', 'statement', 'civil_society'),
      w('g1'),
      w('g2'),
      w('io1', 'statement', 'international_organization'),
      w('g3'),
      w('m1', 'statement', 'media'),
      w('x1', 'statement', null),
    ];
    // Nobody has spoken: the cycle starts at the first request's type.
    expect(balancedOrder(queue, null)).toEqual(['cs1', 'm1', 'x1', 'g1', 'io1', 'g2', 'g3']);
    // After a government spoke, the cycle goes on with the next type.
    expect(balancedOrder(queue, 'government')).toEqual([
      'io1',
      'cs1',
      'm1',
      'x1',
      'g1',
      'g2',
      'g3',
    ]);
    expect(balancedOrder(queue, 'other')).toEqual(['g1', 'io1', 'cs1', 'm1', 'x1', 'g2', 'g3']);
  });
  it('keeps points of order first and replies last, each first come', () => {
    const queue = [
      w('r1', 'reply', 'civil_society'),
      w('g1'),
      w('p1', 'point_of_order', 'media'),
      w('g2'),
      w('r2', 'reply'),
      w('p2', 'point_of_order'),
      w('io1', 'statement', 'international_organization'),
    ];
    expect(balancedOrder(queue, null)).toEqual(['p1', 'p2', 'g1', 'io1', 'g2', 'r1', 'r2']);
  });
  it('is the order it was when nothing changed (stable as the list goes on)', () => {
    const queue = [w('g1'), w('io1', 'statement', 'international_organization'), w('g2')];
    const once = balancedOrder(queue, null);
    expect(balancedOrder(queue.slice().reverse(), null)).toEqual(once);
  });
});

describe('moving a request', () => {
  it('takes it out and puts it at the index', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveTo(['a', 'b', 'c', 'd'], 'a', 3)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveTo(['a', 'b', 'c', 'd'], 'b', 1)).toEqual(['a', 'b', 'c', 'd']);
  });
});
