import { describe, expect, it } from 'vitest';
import { overallStatus } from './overallStatus.js';

describe('overallStatus', () => {
  it('is pending without assignees and the common status when all agree', () => {
    expect(overallStatus([])).toBe('pending');
    expect(overallStatus(['completed', 'completed'])).toBe('completed');
    expect(overallStatus(['failed'])).toBe('failed');
  });
  it('shows the most urgent status of a mix', () => {
    expect(overallStatus(['completed', 'in_progress', 'blocked'])).toBe('in_progress');
    expect(overallStatus(['completed', 'blocked', 'failed'])).toBe('blocked');
    expect(overallStatus(['pending', 'in_review'])).toBe('in_review');
    expect(overallStatus(['pending', 'completed'])).toBe('in_progress');
  });
});
