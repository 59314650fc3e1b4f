import { useSyncExternalStore } from 'react';
import { sessionStore, type Session, type SessionState } from './session-store';

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.snapshot);
}

/** The signed-in session (inside the signed-in part of the console only). */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function useIsPlatformAdmin(): boolean {
  return useSession().role === 'platform_admin';
}
