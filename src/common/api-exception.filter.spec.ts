import { QueryFailedError } from 'typeorm';
import { loggable } from './api-exception.filter';

describe('what a failed request logs', () => {
  it('keeps the SQL and its parameters (which may hold secrets) out of the log', () => {
    const driverError = Object.assign(
      new Error('null value in column "name" violates not-null constraint'),
      {
        code: '23502',
        table: 'platform',
        column: 'name',
      },
    );
    const error = new QueryFailedError(
      'UPDATE platform SET name = $1, executor_secret = $2 WHERE id = $3',
      [null, 'TOPSECRET-hmac-key-4242', 'id'],
      driverError,
    );
    const logged = JSON.stringify(loggable(error));
    expect(logged).not.toContain('TOPSECRET');
    expect(logged).not.toContain('executor_secret');
    expect(loggable(error)).toMatchObject({
      type: 'QueryFailedError',
      code: '23502',
      table: 'platform',
      column: 'name',
    });
  });
});
