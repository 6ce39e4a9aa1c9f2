import { Issuer, generators, type BaseClient } from 'openid-client';
import type { AuditService } from '../audit';
import type { OidcConfig } from '../config';
import type { Clock } from '../shared';
import type { UserRepository } from '../users';
import type { Actor } from '../shared';

/** What the browser's session keeps between the redirect to the identity provider and its return. */
export interface OidcPending {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a return from the identity provider did not log anyone in (each has its own Swedish page). */
export type OidcRefusal = 'unknown' | 'inactive' | 'failed';

export type OidcResult = { ok: true; actor: Actor; idToken: string | undefined } | { ok: false; reason: OidcRefusal };

export interface OidcServiceDeps {
  config: OidcConfig;
  users: UserRepository;
  audit: AuditService;
  clock: Clock;
  actorFor: (userId: number) => Actor | null;
}

/**
 * Login through the municipality's identity provider: authorization code flow with PKCE,
 * state and nonce, the provider found by discovery. The person is matched by e-mail (or the
 * configured claim) to an existing, active Saknad account; roles and schools stay in Saknad.
 * The provider's own second factor stands in for Saknad's TOTP.
 */
export class OidcService {
  private readonly config: OidcConfig;
  private readonly users: UserRepository;
  private readonly audit: AuditService;
  private readonly clock: Clock;
  private readonly actorFor: (userId: number) => Actor | null;
  private client: Promise<BaseClient> | null = null;

  constructor(deps: OidcServiceDeps) {
    ({ config: this.config, users: this.users, audit: this.audit, clock: this.clock, actorFor: this.actorFor } = deps);
  }

  /** The provider's client, discovered once; a failed discovery is tried again next time. */
  private getClient(): Promise<BaseClient> {
    this.client ??= Issuer.discover(this.config.issuer)
      .then(
        (issuer) =>
          new issuer.Client({
            client_id: this.config.clientId,
            client_secret: this.config.clientSecret,
            redirect_uris: [this.config.redirectUri],
            post_logout_redirect_uris: [this.config.postLogoutRedirectUri],
            response_types: ['code'],
          }),
      )
      .catch((e: unknown) => {
        this.client = null;
        throw e;
      });
    return this.client;
  }

  /** Where to send the browser, and what its session must remember until it returns. */
  async start(): Promise<{ url: string; pending: OidcPending }> {
    const client = await this.getClient();
    const pending = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    const url = client.authorizationUrl({
      scope: 'openid email profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Handles the provider's return (the callback's query string). Checks state, nonce and
   * PKCE through the code exchange; every refusal is audited and names no one to the browser.
   */
  async finish(query: Record<string, unknown>, pending: OidcPending | undefined, requestId?: string): Promise<OidcResult> {
    const refuse = (reason: OidcRefusal, details: Record<string, unknown>, userId: number | null = null, label = 'okänd'): OidcResult => {
      this.audit.record(
        { userId, label },
        { action: `login.oidc_${reason}`, objectType: 'user', objectId: userId ?? undefined, outcome: 'denied', details, requestId },
      );
      return { ok: false, reason };
    };
    if (!pending) return refuse('failed', { error: 'ingen påbörjad inloggning i sessionen' });
    const client = await this.getClient();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const params = client.callbackParams(`/?${new URLSearchParams(query as Record<string, string>).toString()}`);
      const tokens = await client.callback(this.config.redirectUri, params, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
      });
      idToken = tokens.id_token;
      claims = { ...tokens.claims() };
      if (typeof claims[this.config.emailClaim] !== 'string' && tokens.access_token) {
        claims = { ...claims, ...(await client.userinfo(tokens.access_token)) };
      }
    } catch (e) {
      return refuse('failed', { error: e instanceof Error ? e.message.slice(0, 200) : 'okänt fel' });
    }
    const email = claims[this.config.emailClaim];
    if (typeof email !== 'string' || !email.trim()) return refuse('unknown', { claim: this.config.emailClaim, sub: claims.sub });
    // An address the provider says it has not verified may be one the person typed in
    // themselves: matching on it would let anyone at the provider log in as any account.
    if (this.config.emailClaim === 'email' && claims.email_verified === false) return refuse('unknown', { unverified: true, sub: claims.sub });
    const user = this.users.findByEmail(email);
    // The address is only audited for a matched account: a stranger's address is not kept.
    if (!user) return refuse('unknown', { sub: claims.sub });
    if (!user.active) return refuse('inactive', {}, user.id, user.email);
    this.users.recordLogin(user.id, this.clock().toISOString());
    const actor = this.actorFor(user.id)!;
    this.audit.record(actor, { action: 'login.success', objectType: 'user', objectId: user.id, details: { method: 'oidc' }, requestId });
    return { ok: true, actor, idToken };
  }

  /** The provider's end_session URL for this ID token, or null if it offers none. */
  async logoutUrl(idToken: string | undefined): Promise<string | null> {
    if (!idToken) return null;
    const client = await this.getClient().catch(() => null);
    if (!client?.issuer.metadata.end_session_endpoint) return null;
    return client.endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: this.config.postLogoutRedirectUri });
  }
}
