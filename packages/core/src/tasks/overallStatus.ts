import type { TaskAssignmentStatus } from '@parley/db/tables/chatTasks';

/**
 * The task's roll-up of its assignees' statuses: `pending` with nobody on it; the common status
 * when all agree; otherwise the most urgent one present, in the order
 * in_progress, blocked, in_review, failed; a mix of only pending and completed is in progress.
 */
export function overallStatus(statuses: TaskAssignmentStatus[]): TaskAssignmentStatus {
  const set = new Set(statuses);
  const [only] = set;
  if (only !== undefined && set.size === 1) return only;
  for (const status of ['in_progress', 'blocked', 'in_review', 'failed'] as const) if (set.has(status)) return status;
  return set.has('completed') ? 'in_progress' : 'pending';
}
