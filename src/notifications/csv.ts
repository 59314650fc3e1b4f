import type { TaskFacts } from './digest.repository';
import { isoInZone } from './format';
import { noteOf, type Reader } from './views';

export const CSV_COLUMNS = [
  'task_id',
  'tenant_id',
  'tenant',
  'from_version',
  'to_version',
  'status',
  'run_at',
  'window_end',
  'forced',
  'note',
] as const;

/**
 * One CSV field (RFC 4180). A value that a spreadsheet would run as a formula (= + - @ at the
 * start) gets a leading apostrophe: tenant names are written by partners, not by us.
 */
export function csvField(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The tasks as CSV, produced as they are read (a batch may hold 100,000 tasks): a UTF-8 byte order
 * mark so that spreadsheets read the names right, English column names, times in ISO 8601 with
 * the recipient's offset, notes (reasons) in the recipient's language.
 */
export async function* tasksCsv(
  tasks: AsyncIterable<TaskFacts>,
  reader: Reader,
): AsyncGenerator<string> {
  const zone = reader.timezone;
  let chunk = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  let lines = 0;
  for await (const t of tasks) {
    const note = noteOf(t, reader);
    const row = [
      t.taskId,
      t.tenantId,
      t.tenantName,
      t.fromVersion,
      t.targetVersion,
      t.status,
      isoInZone(t.runAt, zone),
      isoInZone(t.windowEnd, zone),
      t.forced,
      note,
    ];
    chunk += `${row.map(csvField).join(',')}\r\n`;
    if (++lines % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
