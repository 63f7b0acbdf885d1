import { meetsAttendanceObligation, sideMeetsObligation, type SideAttendance } from './attendance.js';

const present: SideAttendance = { status: 'present', attendees: ['Sanne de Wit'] };
const excused: SideAttendance = { status: 'excused', excuse: { reason: 'ziek', excusedBy: 'Adviseur Jansen' } };
const absent: SideAttendance = { status: 'absent' };

describe('the attendance obligation at a mandatory workshop', () => {
  it.each([
    ['present', present, true],
    ['excused with a recorded reason', excused, true],
    ['excused without a reason', { status: 'excused', excuse: { reason: '  ', excusedBy: 'Adviseur Jansen' } }, false],
    ['excused without who excused it', { status: 'excused', excuse: { reason: 'ziek', excusedBy: '' } }, false],
    ['excused with no excuse at all', { status: 'excused' }, false],
    ['absent', absent, false],
  ] as [string, SideAttendance, boolean][])('a side that is %s meets it: %s', (_, side, meets) => {
    expect(sideMeetsObligation(side)).toBe(meets);
  });

  it('is met when both sides were present', () => {
    expect(meetsAttendanceObligation({ municipality: present, provider: present })).toBe(true);
  });

  it('is met when one side was present and the other excused', () => {
    expect(meetsAttendanceObligation({ municipality: excused, provider: present })).toBe(true);
  });

  it('is not met when one side was absent without excuse, whichever side', () => {
    expect(meetsAttendanceObligation({ municipality: present, provider: absent })).toBe(false);
    expect(meetsAttendanceObligation({ municipality: absent, provider: excused })).toBe(false);
  });

  it('is not met when both sides were absent', () => {
    expect(meetsAttendanceObligation({ municipality: absent, provider: absent })).toBe(false);
  });
});
