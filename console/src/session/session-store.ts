import type { components } from '../api/schema.gen';

export type Session = components['schemas']['SessionResponse'];

type Listener = () => void;

/**
 * Who is signed in, in memory only: the CSRF token lives here and dies with the page (a reload
 * asks GET /api/v1/session again). `ended` tells the sign-in page why it is shown.
 */
export interface SessionState {
  session: Session | null;
  /** False until GET /api/v1/session has answered once. */
  known: boolean;
  /** Why there is no session any more: the viewer signed out, or the API ended it (401). */
  ended: 'signed_out' | 'expired' | null;
}

class SessionStore {
  private state: SessionState = { session: null, known: false, ended: null };
  private readonly listeners = new Set<Listener>();

  snapshot = (): SessionState => this.state;

  csrfToken(): string | undefined {
    return this.state.session?.csrfToken;
  }

  signedIn(session: Session): void {
    this.set(session, null);
  }

  /** No session (the first answer of GET /session), or the viewer signed out (`signed_out`). */
  signedOut(ended: SessionState['ended'] = null): void {
    this.set(null, ended);
  }

  /** The API answered 401 to a signed-in page: the session expired or was revoked. */
  ended(): void {
    if (this.state.session) this.set(null, 'expired');
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(session: Session | null, ended: SessionState['ended']): void {
    this.state = { session, known: true, ended };
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore();
