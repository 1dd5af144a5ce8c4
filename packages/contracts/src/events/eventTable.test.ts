import { describe, expect, it } from 'vitest';
import { eventTable, realtimeEventTypes } from './eventTable.js';

describe('the event table', () => {
  it('routes personal events on personal topics and room events on room topics', () => {
    for (const type of realtimeEventTypes) {
      const row = eventTable[type];
      const personalTopic = row.topic === 'rooms' || row.topic === 'contacts';
      expect([type, personalTopic]).toEqual([type, row.audience === 'recipient']);
    }
  });

  it('names every event in snake case, past tense', () => {
    for (const type of realtimeEventTypes)
      expect(type).toMatch(
        /^[a-z]+(_[a-z]+)*_(created|updated|deleted|added|removed|received|superseded|started|stopped|renamed|expired)$/,
      );
  });
});
