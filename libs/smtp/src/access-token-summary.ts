/**
 * Describes an access token without revealing it. Microsoft's tokens are JWTs whose audience and
 * roles/scopes explain most XOAUTH2 refusals (an SMTP token needs audience outlook.office365.com
 * and SMTP.SendAsApp or SMTP.Send); Google's are opaque.
 */
export function summarizeAccessToken(token: string, now: Date = new Date()): string {
  const claims = jwtClaims(token);
  if (!claims) return `access token received (opaque, ${token.length} characters)`;
  const parts = ['access token received'];
  if (typeof claims.aud === 'string') parts.push(`audience ${claims.aud}`);
  const roles = Array.isArray(claims.roles) ? claims.roles.join(' ') : undefined;
  if (roles) parts.push(`roles ${roles}`);
  if (typeof claims.scp === 'string') parts.push(`scopes ${claims.scp}`);
  if (typeof claims.exp === 'number') {
    const minutes = Math.round((claims.exp * 1000 - now.getTime()) / 60000);
    parts.push(minutes >= 0 ? `expires in ${minutes} min` : `EXPIRED ${-minutes} min ago`);
  }
  return parts.join(', ');
}

function jwtClaims(token: string): Record<string, unknown> | null {
  const segments = token.split('.');
  if (segments.length !== 3) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(segments[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
