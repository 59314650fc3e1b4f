import type { components } from '../api/schema.gen';

export type Session = components['schemas']['SessionResponse'];

type Listener = () => void;

/**
 * Who is signed in, in memory only: the CSRF token lives here and dies with the page (a reload
 * asks GET /api/v1/session again). `endedByServer` tells the sign-in page why it is shown.
 */
export interface SessionState {
  session: Session | null;
  /** False until GET /api/v1/session has answered once. */
  known: boolean;
  endedByServer: boolean;
}

class SessionStore {
  private state: SessionState = { session: null, known: false, endedByServer: false };
  private readonly listeners = new Set<Listener>();

  snapshot = (): SessionState => this.state;

  csrfToken(): string | undefined {
    return this.state.session?.csrfToken;
  }

  signedIn(session: Session): void {
    this.set(session, false);
  }

  signedOut(): void {
    this.set(null, false);
  }

  /** The API answered 401 to a signed-in page: the session expired or was revoked. */
  ended(): void {
    if (this.state.session) this.set(null, true);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(session: Session | null, endedByServer: boolean): void {
    this.state = { session, known: true, endedByServer };
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore();
