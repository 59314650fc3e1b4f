/**
 * Builds the WHERE clause of a hand-written query with numbered parameters:
 *   const f = new SqlFilter(); f.add('t.partner_id = ?', id); `... ${f.where} LIMIT ${f.param(n)}`
 */
export class SqlFilter {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(condition: string, ...values: unknown[]): this {
    let i = 0;
    this.conditions.push(condition.replace(/\?/g, () => this.param(values[i++])));
    return this;
  }

  /** Adds the condition only when the value is defined. */
  addIf(value: unknown, condition: string): this {
    return value === undefined || value === null ? this : this.add(condition, value);
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
