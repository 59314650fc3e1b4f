import request from 'supertest';

/** supertest against a running service, with an optional API key and the /api/v1 prefix. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key?: string,
  ) {}

  as(key: string | undefined): Api {
    return new Api(this.baseUrl, key);
  }

  private auth(test: request.Test): request.Test {
    return this.key ? test.set('Authorization', `Bearer ${this.key}`) : test;
  }

  get(path: string): request.Test {
    return this.auth(request(this.baseUrl).get(`/api/v1${path}`));
  }

  post(path: string, body?: unknown): request.Test {
    const test = this.auth(request(this.baseUrl).post(`/api/v1${path}`));
    return body === undefined ? test : test.send(body as object);
  }

  patch(path: string, body: unknown): request.Test {
    return this.auth(request(this.baseUrl).patch(`/api/v1${path}`)).send(body as object);
  }

  delete(path: string): request.Test {
    return this.auth(request(this.baseUrl).delete(`/api/v1${path}`));
  }

  /** Outside /api/v1: /health, /metrics, /docs. */
  root(path: string): request.Test {
    return this.auth(request(this.baseUrl).get(path));
  }
}
