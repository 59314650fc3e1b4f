import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import { sessionStore } from '../session/session-store';
import type { components, paths } from './schema.gen';

export type Schemas = components['schemas'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every request is same-origin and carried by the session cookie (the browser never holds the API
 * key). Changes carry the session's CSRF token, kept in memory only; a 401 ends the session here.
 */
const session: Middleware = {
  onRequest({ request }) {
    const csrf = sessionStore.csrfToken();
    if (csrf && UNSAFE.has(request.method)) request.headers.set('X-CSRF-Token', csrf);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/v1/session')) {
      sessionStore.ended();
    }
    return response;
  },
};

export const fetchClient = createFetchClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
});
fetchClient.use(session);

/** Typed React Query hooks: `api.useQuery('get', '/api/v1/tenants', { params })`. */
export const api = createQueryClient(fetchClient);
