import { TLSSocket } from 'node:tls';

/**
 * One line on the negotiated TLS session and the certificate check, e.g.
 * "TLSv1.3 TLS_AES_256_GCM_SHA384; certificate CN=localhost issued by CN=Mailroom Test CA, valid until …; trusted for localhost".
 */
export function describeTlsSession(socket: TLSSocket, hostname: string): string {
  const cipher = socket.getCipher();
  const certificate = socket.getPeerCertificate();
  const parts = [`${socket.getProtocol() ?? 'TLS'} ${cipher.standardName ?? cipher.name}`];
  if (certificate && Object.keys(certificate).length > 0) {
    const subject = certificate.subject?.CN ? `CN=${certificate.subject.CN}` : 'without a common name';
    const issuer = certificate.issuer?.O ?? certificate.issuer?.CN ?? 'an unnamed issuer';
    parts.push(`certificate ${subject} issued by ${issuer}, valid until ${certificate.valid_to}`);
  }
  parts.push(
    socket.authorized
      ? `trusted for ${hostname}`
      : `NOT trusted (${String(socket.authorizationError)}), accepted because self-signed certificates are allowed for this integration`,
  );
  return parts.join('; ');
}
