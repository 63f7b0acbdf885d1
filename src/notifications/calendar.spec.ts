import { calendarFile } from './calendar.js';

const workshop = {
  uid: '4f1c0a58-2b1e-4c1d-9f0e-6a1b2c3d4e5f',
  sequence: 2,
  startsAt: new Date('2019-05-14T11:30:00Z'),
  endsAt: new Date('2019-05-14T14:30:00Z'),
  summary: 'Werkatelier 1, Werkateliers outcome; 2019',
  location: 'Utrecht',
};

describe('calendar files', () => {
  it('describe each session as an event that a calendar can update when it moves', () => {
    const file = calendarFile([workshop], new Date('2019-03-01T09:00:00Z'));
    expect(file.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Movisie//Trajectkompas//NL',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:4f1c0a58-2b1e-4c1d-9f0e-6a1b2c3d4e5f@trajectkompas',
      'SEQUENCE:2',
      'DTSTAMP:20190301T090000Z',
      'DTSTART:20190514T113000Z',
      'DTEND:20190514T143000Z',
      'SUMMARY:Werkatelier 1\\, Werkateliers outcome\\; 2019',
      'LOCATION:Utrecht',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('mark an event that does not take place as cancelled, and no other', () => {
    const lines = calendarFile([{ ...workshop, cancelled: true }, { ...workshop, uid: 'ander' }]).split('\r\n');
    expect(lines.filter((line) => line.startsWith('STATUS:'))).toEqual(['STATUS:CANCELLED']);
    expect(lines.indexOf('STATUS:CANCELLED')).toBeLessThan(lines.indexOf('UID:ander@trajectkompas'));
  });

  it('fold long lines at 75 octets without splitting a character', () => {
    const file = calendarFile([{ ...workshop, description: `Wij verwachten jullie met één persoon van elke kant. ${'é'.repeat(80)}\nTot dan!` }]);
    const lines = file.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = file.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:Wij verwachten jullie met één persoon van elke kant. ${'é'.repeat(80)}\\nTot dan!`);
  });
});
