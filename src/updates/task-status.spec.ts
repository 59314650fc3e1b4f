import { PENDING_TASK_STATUSES } from '../tenants/tenant';
import {
  isNotStarted,
  isOpen,
  NOT_STARTED_SQL,
  NOT_STARTED_STATUSES,
  OPEN_STATUSES,
  TASK_STATUSES,
} from './task-status';

describe('task statuses', () => {
  it('a tenant pending task has exactly the open statuses', () => {
    expect([...PENDING_TASK_STATUSES]).toEqual([...OPEN_STATUSES]);
  });

  it('not started is held or scheduled: open, and neither running nor finished', () => {
    expect(TASK_STATUSES.filter(isNotStarted)).toEqual(['held', 'scheduled']);
    for (const s of NOT_STARTED_STATUSES) expect(isOpen(s)).toBe(true);
    expect(NOT_STARTED_SQL).toBe(`'held', 'scheduled'`);
  });
});
