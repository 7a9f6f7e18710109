// With -v=2 or more, the server logs who each request was authenticated as,
// and for front-proxy requests which proxy certificate vouched for the user:
//
//   sample-apiserver: GET /apis/wardle.example.com/v1alpha1/namespaces/x/flunders: user "admin" groups [system:masters] via front proxy "front-proxy-client"
//
// (The e2e test reads these lines to see that the aggregator's user and certificate arrived.)

import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import {
  type AuthenticationResult,
  type Authenticator,
  type Logger,
  RequestHeaderAuthenticator,
  readsClientCertificates,
} from "@tskube/generic-apiserver";

export class LoggingAuthenticator implements Authenticator {
  /** The wrapped authenticator's CAs, so the server still asks clients for certificates. */
  readonly clientCA: string | undefined;

  constructor(
    private readonly inner: Authenticator,
    private readonly logger: Logger,
  ) {
    this.clientCA = readsClientCertificates(inner) ? inner.clientCA : undefined;
  }

  async authenticate(req: IncomingMessage): Promise<AuthenticationResult> {
    // Which certificate the connection presented (for a front-proxy request: the proxy's).
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    const result = await this.inner.authenticate(req);
    if (result.kind === "user") {
      const via = this.inner instanceof RequestHeaderAuthenticator ? ` via front proxy ${JSON.stringify(peer?.subject?.CN ?? "")}` : " by client certificate";
      this.logger.info(
        `sample-apiserver: ${req.method} ${req.url}: user ${JSON.stringify(result.user.name)} groups [${result.user.groups.join(" ")}]${via}`,
      );
    }
    return result;
  }
}
