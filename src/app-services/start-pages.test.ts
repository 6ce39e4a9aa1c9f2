import { nextStep } from './start-pages';

describe("the principal's next step for a school in an open round", () => {
  it.each([
    ['nothing read yet', { status: 'not_started', uploadedAt: null, notFollowedUp: 0 }, 'upload'],
    ['nothing read and past the deadline', { status: 'overdue', uploadedAt: null, notFollowedUp: 0 }, 'upload'],
    ['read, flagged pupils not followed up', { status: 'uploaded', uploadedAt: '2026-08-21T08:00:00Z', notFollowedUp: 2 }, 'follow_up'],
    ['read, late, a pupil not followed up', { status: 'overdue', uploadedAt: '2026-08-21T08:00:00Z', notFollowedUp: 1 }, 'follow_up'],
    ['read, every flagged pupil followed up (or none flagged)', { status: 'uploaded', uploadedAt: '2026-08-21T08:00:00Z', notFollowedUp: 0 }, 'confirm'],
    ['confirmed', { status: 'confirmed', uploadedAt: '2026-08-21T08:00:00Z', notFollowedUp: 3 }, 'done'],
    ['nil report', { status: 'nil_report', uploadedAt: '2026-08-21T08:00:00Z', notFollowedUp: 0 }, 'done'],
  ] as const)('%s → %s', (_name, entry, step) => {
    expect(nextStep(entry)).toBe(step);
  });
});
