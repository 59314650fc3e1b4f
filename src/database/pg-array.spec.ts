import { types } from 'pg';
import { pgArray, pgBareArray } from './pg-array';

/** node-postgres's parser of a text[] column (1009): PostgreSQL's array output, read back. */
const parse = types.getTypeParser(1009 as Parameters<typeof types.getTypeParser>[0]) as (
  literal: string,
) => (string | null)[];

/** The literals read back (as PostgreSQL's array input would) to the values given. */
describe('array parameters as PostgreSQL array literals', () => {
  it('quotes text, escapes backslashes and double quotes, keeps NULL apart from "NULL"', () => {
    const values = ['a', 'with "quotes"', 'back\\slash', 'comma, {brace}', '', 'NULL', null, ' x '];
    const literal = pgArray(values);
    expect(parse(literal)).toEqual([
      'a',
      'with "quotes"',
      'back\\slash',
      'comma, {brace}',
      '',
      'NULL',
      null,
      ' x ',
    ]);
    expect(literal).toBe(
      '{"a","with \\"quotes\\"","back\\\\slash","comma, {brace}","","NULL",NULL," x "}',
    );
  });

  it('writes numbers, booleans and undefined as PostgreSQL reads them', () => {
    expect(pgArray([1, 20, null, undefined])).toBe('{1,20,NULL,NULL}');
    expect(pgArray([true, false])).toBe('{t,f}');
    expect(pgArray([])).toBe('{}');
  });

  it('writes uuids and integers bare', () => {
    const ids = ['0193a5b2-1111-7222-8333-444455556666', '0193a5b2-1111-7222-8333-444455556667'];
    expect(parse(pgBareArray(ids))).toEqual(ids);
    expect(pgBareArray([1, 2])).toBe('{1,2}');
    expect(pgBareArray([])).toBe('{}');
  });
});
