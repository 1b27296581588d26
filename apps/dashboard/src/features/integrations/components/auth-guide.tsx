import type { AuthKind } from './auth-kind';
import { GoogleGuide } from './google-guide';
import { MicrosoftAppOnlyGuide } from './microsoft-app-only-guide';
import { MicrosoftDelegatedGuide } from './microsoft-delegated-guide';

/** The provider's set-up steps for a kind of sign-in; the kinds without a provider need none. */
export function AuthGuide({ kind }: { kind: AuthKind }) {
  switch (kind) {
    case 'microsoft_app_only':
      return <MicrosoftAppOnlyGuide />;
    case 'microsoft_delegated':
      return <MicrosoftDelegatedGuide />;
    case 'google':
      return <GoogleGuide />;
    default:
      return null;
  }
}

export function hasGuide(kind: AuthKind): boolean {
  return kind === 'microsoft_app_only' || kind === 'microsoft_delegated' || kind === 'google';
}
