import type { ParsedMail } from 'mailparser';

export interface Calendar {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  end: string;
  status: string;
  summary: string;
  organizer: string;
  attendee: string;
}

/** 20270328T003000Z → 2027-03-28T00:30:00.000Z */
function utc(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`).toISOString();
}

/** Reads back the one VEVENT of an iCalendar text (RFC 5545: lines unfolded, parameters dropped). */
export function parseIcs(text: string): Calendar {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const prop = (name: string): string => {
    const line = lines.find((l) => l.split(/[;:]/)[0].toUpperCase() === name);
    if (line === undefined) throw new Error(`no ${name} in\n${text}`);
    return line.slice(line.indexOf(':') + 1);
  };
  return {
    method: prop('METHOD'),
    uid: prop('UID'),
    sequence: Number(prop('SEQUENCE')),
    start: utc(prop('DTSTART')),
    end: utc(prop('DTEND')),
    status: prop('STATUS'),
    summary: prop('SUMMARY'),
    organizer: prop('ORGANIZER'),
    attendee: prop('ATTENDEE'),
  };
}

/** The calendar invitation of an e-mail (its text/calendar part), or null. */
export function calendarOf(mail: ParsedMail): Calendar | null {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part ? parseIcs(part.content.toString('utf8')) : null;
}

/** The DESCRIPTION of an e-mail's calendar invitation, unescaped (RFC 5545 TEXT), or null. */
export function calendarDescription(mail: ParsedMail): string | null {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) return null;
  const lines = part.content
    .toString('utf8')
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/);
  const line = lines.find((l) => l.startsWith('DESCRIPTION'));
  if (!line) return null;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\\n/gi, '\n')
    .replace(/\\([,;\\])/g, '$1');
}
