import { inviteMethod, taskInvite, TaskInvite } from './calendar';
import { csvField } from './csv';

const invite: TaskInvite = {
  method: 'REQUEST',
  taskId: '0192f0c4-0000-7000-8000-000000000001',
  sequence: 3,
  start: '2027-03-28T00:30:00+00:00',
  end: new Date('2027-03-28T04:30:00Z'),
  summary: 'Update Bäckerei Schmidt; Filiale 2, Nord → 14.0.0',
  description: `Zeile eins\nZeile zwei: ${'ä'.repeat(60)}`,
  organizer: { name: 'Cloud "Updates"', email: 'updates@cloud.example' },
  attendee: 'it@tenant.example',
  domain: 'cloud.example',
  stamp: new Date('2027-03-20T10:00:00.123Z'),
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('calendar invitations', () => {
  it('are iCalendar with CRLF lines of at most 75 octets, folded between characters', () => {
    const ics = taskInvite(invite);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    expect(unfold(ics)).toContain(`DESCRIPTION:Zeile eins\\nZeile zwei: ${'ä'.repeat(60)}\r\n`);
  });

  it('carry the window in UTC, a stable UID, the sequence, and escaped text', () => {
    const lines = unfold(taskInvite(invite)).split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:update-0192f0c4-0000-7000-8000-000000000001@cloud.example',
        'SEQUENCE:3',
        'DTSTAMP:20270320T100000Z',
        'DTSTART:20270328T003000Z',
        'DTEND:20270328T043000Z',
        'SUMMARY:Update Bäckerei Schmidt\\; Filiale 2\\, Nord → 14.0.0',
        'ORGANIZER;CN="Cloud Updates":mailto:updates@cloud.example',
        'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:it@tenant.example',
        'STATUS:CONFIRMED',
      ]),
    );
  });

  it('cancel with a sequence above the last request, so that clients apply it', () => {
    const lines = unfold(taskInvite({ ...invite, method: 'CANCEL' })).split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining(['METHOD:CANCEL', 'SEQUENCE:4', 'STATUS:CANCELLED']),
    );
  });

  it('go with scheduled and rescheduled (REQUEST) and cancelled (CANCEL) notices only', () => {
    expect(inviteMethod('task.scheduled')).toBe('REQUEST');
    expect(inviteMethod('task.rescheduled')).toBe('REQUEST');
    expect(inviteMethod('task.cancelled')).toBe('CANCEL');
    for (const e of [
      'task.started',
      'task.succeeded',
      'task.failed',
      'maintenance.announced',
    ] as const)
      expect(inviteMethod(e)).toBeNull();
  });
});

describe('CSV fields', () => {
  it('are quoted when needed and never run as spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});
