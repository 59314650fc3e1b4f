import { QueryFailedError } from 'typeorm';
import { stdSerializers } from 'pino';
import { loggable } from './loggable';

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

  it('keeps them out also when pino serialized the error first (pino-http does)', () => {
    const driverError = Object.assign(new Error('duplicate key'), { code: '23505', table: 'x' });
    const error = new QueryFailedError(
      'UPDATE platform SET executor_secret = $1',
      ['TOPSECRET-hmac-key-4242'],
      driverError,
    );
    const logged = loggable(stdSerializers.err(error));
    expect(JSON.stringify(logged)).not.toContain('TOPSECRET');
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505', table: 'x' });
    expect(logged.stack).toContain('QueryFailedError');
  });

  it('shows what was thrown when it is not an Error, never "[object Object]"', () => {
    const logged = loggable({ reason: 'odd', code: 7 });
    expect(logged.value).toContain("reason: 'odd'");
    expect(JSON.stringify(logged)).not.toContain('[object Object]');
  });

  it('logs the message, the stack and the cause of an ordinary error', () => {
    const error = new URIError('URI malformed', { cause: new Error('the cause') });
    expect(loggable(error)).toMatchObject({
      type: 'URIError',
      message: 'URI malformed',
      stack: expect.stringContaining('URIError: URI malformed'),
      cause: { type: 'Error', message: 'the cause' },
    });
  });
});
