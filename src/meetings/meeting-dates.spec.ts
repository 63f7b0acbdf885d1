import { twoMonthsOnSameWeekday } from './meetings.service.js';

describe('a meeting copied two months on', () => {
  it.each([
    ['2016-09-21', '2016-11-23'], // the Transitiearena: Wednesday 21 September, then Wednesday 23 November
    ['2016-11-23', '2017-01-25'],
    ['2099-12-31', '2100-03-04'], // no 31 February: from the month's last day, forward to a Thursday
    ['2099-09-23', '2099-11-25'],
  ])('from %s comes on %s, the same weekday', (from, to) => {
    expect(twoMonthsOnSameWeekday(from)).toBe(to);
    expect(new Date(`${to}T12:00:00Z`).getUTCDay()).toBe(new Date(`${from}T12:00:00Z`).getUTCDay());
  });
});
