/**
 * The SS 12000 client the feed calls. Each method fetches a whole list — following
 * `pageToken` until the server says there is no more — or throws one Ss12000Error; it
 * never returns part of a list. Requests are spaced to at most `rateLimitPerSecond`,
 * retried with exponential backoff on 5xx and network errors, delayed as a 429's
 * Retry-After asks, and retried once with a fresh token after a 401. Saknad never writes
 * to the school system: it sends GET, and POST only to the token endpoint and to
 * /persons/lookup (a read whose ids travel in the body).
 *
 * Two clocks: request spacing, backoff and Retry-After waits use a monotonic timer (`now`
 * when a test injects one with its `sleep`, else performance.now and real timers), so a
 * frozen test clock never makes a request wait; token expiry uses the wall clock (the
 * app's injected `clock`), so a test can move a token past expires_in deterministically.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { z } from 'zod';
import { t } from '../../i18n';
import { Ss12000Error } from './errors';
import { send, TransportError, type HttpResponse } from './transport';
import {
  absenceWire,
  aggregatedAttendanceWire,
  envelope,
  issuePath,
  organisationWire,
  personWire,
  toAbsence,
  toAggregatedAttendance,
  toPerson,
  toSchoolUnit,
} from './wire';
import type {
  Absence,
  AbsencesQuery,
  AggregatedAttendance,
  AggregatedAttendanceQuery,
  Person,
  PersonsQuery,
  SchoolUnit,
  Ss12000Api,
  Ss12000ClientOptions,
} from './types';

type Query = Record<string, string | undefined>;

const DEFAULTS = { rateLimitPerSecond: 5, maxRetries: 4, timeoutMs: 30_000, pageSize: 500, maxPages: 1000, backoffBaseMs: 500, lookupBatchSize: 100 };
/** No single wait (backoff or Retry-After) is longer than this; a longer Retry-After fails the fetch. */
const MAX_WAIT_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 30_000;
/** A token is renewed this long before the server says it expires. */
const TOKEN_SKEW_MS = 30_000;
/** When the token endpoint gives no expires_in, the token is kept this long (or until a 401). */
const DEFAULT_TOKEN_LIFETIME_MS = 5 * 60_000;

export class Ss12000Client implements Ss12000Api {
  private readonly base: URL;
  private readonly opts: typeof DEFAULTS;
  /** Monotonic milliseconds: request spacing only. */
  private readonly timer: () => number;
  /** Wall-clock milliseconds since the epoch: token expiry and Retry-After dates. */
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private nextSlot = 0;
  private token: { value: string; expiresAt: number } | null = null;
  /** The token request under way, so lists fetched at the same time share one. */
  private tokenRequest: Promise<string> | null = null;
  private agent: https.Agent | undefined;

  constructor(private readonly options: Ss12000ClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new Ss12000Error('config', t('ss12000.error.config', { detail: t('ss12000.config.baseUrl') }));
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new Ss12000Error('config', t('ss12000.error.config', { detail: t('ss12000.config.baseUrl') }));
    }
    if (options.auth.kind === 'certificate' && base.protocol !== 'https:') {
      throw new Ss12000Error('config', t('ss12000.error.config', { detail: t('ss12000.config.certNeedsHttps') }));
    }
    // A trailing slash makes relative paths land under the prefix (/o/rest/ss12000/persons).
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    this.opts = {
      rateLimitPerSecond: positive(options.rateLimitPerSecond, DEFAULTS.rateLimitPerSecond),
      maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULTS.maxRetries)),
      timeoutMs: positive(options.timeoutMs, DEFAULTS.timeoutMs),
      pageSize: Math.floor(positive(options.pageSize, DEFAULTS.pageSize)),
      maxPages: Math.floor(positive(options.maxPages, DEFAULTS.maxPages)),
      backoffBaseMs: Math.max(0, options.backoffBaseMs ?? DEFAULTS.backoffBaseMs),
      lookupBatchSize: Math.floor(positive(options.lookupBatchSize, DEFAULTS.lookupBatchSize)),
    };
    const clock = options.clock;
    this.timer = options.now ?? (() => performance.now());
    this.now = clock ? () => clock().getTime() : (options.now ?? Date.now);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** School units: v2.1 serves them as organisations of type Skolenhet (there is no /schoolUnits). */
  async schoolUnits(): Promise<SchoolUnit[]> {
    const rows = await this.list('organisations', { type: 'Skolenhet' }, organisationWire);
    // A server that ignores `type` sends the whole tree; keep the school units only.
    return rows.filter((o) => !o.organisationType || o.organisationType === 'Skolenhet').map(toSchoolUnit);
  }

  /** Persons, with enrolments and guardians; with schoolUnit, only those enrolled there. */
  async persons(query: PersonsQuery = {}): Promise<Person[]> {
    const q: Query = query.schoolUnit ? { 'relationship.organisation': query.schoolUnit, 'relationship.entity.type': 'enrolment' } : {};
    return (await this.list('persons', q, personWire)).map(toPerson);
  }

  /**
   * Persons by id with v2.1 POST /persons/lookup (body `{ ids }`), in batches of
   * `lookupBatchSize`: the feed asks for guardians the roster names but did not send.
   * An id the server does not know is simply not in the answer (the caller counts it);
   * a failed batch fails the whole lookup, so nothing half-fetched is returned.
   */
  async personsById(ids: readonly string[]): Promise<Person[]> {
    const unique = [...new Set(ids)];
    const out: Person[] = [];
    for (let i = 0; i < unique.length; i += this.opts.lookupBatchSize) {
      const url = this.url('persons/lookup', {});
      const body = await this.requestJson(url, JSON.stringify({ ids: unique.slice(i, i + this.opts.lookupBatchSize) }));
      const parsed = envelope.safeParse(body);
      if (!parsed.success) throw this.shapeError(url, parsed.error.issues[0]!.path, '');
      // The answer is one list: a batch is never bigger than the server's page.
      const rows = Array.isArray(parsed.data) ? parsed.data : parsed.data.data;
      rows.forEach((row, j) => {
        const r = personWire.safeParse(row);
        if (!r.success) throw this.shapeError(url, r.error.issues[0]!.path, `data[${j}]`);
        out.push(toPerson(r.data));
      });
    }
    return out;
  }

  /** Minutes per student and activity for startDate..endDate (both inclusive). */
  async aggregatedAttendance(query: AggregatedAttendanceQuery): Promise<AggregatedAttendance[]> {
    const q: Query = { startDate: query.startDate, endDate: query.endDate, organisation: query.schoolUnit };
    // startDate and endDate are required parameters, so they go with every page's pageToken.
    return (await this.list('aggregatedAttendance', q, aggregatedAttendanceWire, ['startDate', 'endDate'])).map(toAggregatedAttendance);
  }

  /** Registered absences (leave granted, reported by a guardian) starting in the window. */
  async absences(query: AbsencesQuery): Promise<Absence[]> {
    const q: Query = { 'startTime.onOrAfter': query.startTime, 'startTime.onOrBefore': query.endTime, organisation: query.schoolUnit };
    return (await this.list('absences', q, absenceWire)).map(toAbsence);
  }

  /**
   * Every page of a list. v2.1 says a pageToken "cannot be combined with other filters but
   * with limit", so follow-up pages send only pageToken and limit — and the operation's
   * required parameters (`required`), which the same specification demands on every request.
   * A server that ignores paging is recognised when a page repeats the previous one or a
   * token comes back again.
   */
  private async list<S extends z.ZodType>(path: string, query: Query, item: S, required: readonly string[] = []): Promise<z.infer<S>[]> {
    const out: z.infer<S>[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    let previousPage: string | undefined;
    for (let page = 1; ; page++) {
      const limit = String(this.opts.pageSize);
      const url = this.url(path, pageToken ? { ...pick(query, required), pageToken, limit } : { ...query, limit });
      if (page > this.opts.maxPages) {
        throw new Ss12000Error('paging', t('ss12000.error.tooManyPages', { max: this.opts.maxPages, path: url.pathname }), { path: url.pathname });
      }
      const body = await this.requestJson(url);
      const parsed = envelope.safeParse(body);
      if (!parsed.success) throw this.shapeError(url, parsed.error.issues[0]!.path, '');
      const rows = Array.isArray(parsed.data) ? parsed.data : parsed.data.data;
      const next = Array.isArray(parsed.data) ? null : (parsed.data.pageToken ?? null);
      const fingerprint = JSON.stringify(rows);
      if (page > 1 && rows.length > 0 && fingerprint === previousPage) break; // paging ignored: same page again
      previousPage = fingerprint;
      rows.forEach((row, i) => {
        const r = item.safeParse(row);
        if (!r.success) throw this.shapeError(url, r.error.issues[0]!.path, `data[${i}]`);
        out.push(r.data);
      });
      if (!next || seenTokens.has(next)) break;
      seenTokens.add(next);
      pageToken = next;
    }
    return out;
  }

  private url(path: string, query: Query): URL {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    return url;
  }

  private shapeError(url: URL, path: readonly PropertyKey[], prefix: string): Ss12000Error {
    const where = issuePath(prefix, path).replace(/^\./, '') || t('ss12000.config.wholeAnswer');
    return new Ss12000Error('invalid-response', t('ss12000.error.shape', { path: url.pathname, issue: t('ss12000.config.badField', { field: where }) }), {
      path: url.pathname,
    });
  }

  /** One GET (or, with a JSON body, one POST) with retries, backoff, Retry-After and one token refresh after a 401. */
  private async requestJson(url: URL, jsonBody?: string): Promise<unknown> {
    const path = url.pathname;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (jsonBody !== undefined) headers['Content-Type'] = 'application/json';
      if (this.options.auth.kind === 'client_credentials') headers.Authorization = `Bearer ${await this.accessToken()}`;
      await this.throttle();
      let res: HttpResponse;
      try {
        res = await send({
          method: jsonBody === undefined ? 'GET' : 'POST',
          url,
          headers,
          body: jsonBody,
          timeoutMs: this.opts.timeoutMs,
          agent: this.tlsAgent(),
        });
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (attempt <= this.opts.maxRetries) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw this.transportFailure(e, path);
      }
      if (res.status === 401 && this.options.auth.kind === 'client_credentials' && !refreshed) {
        // The token may have been revoked or expired early: fetch a new one, once.
        refreshed = true;
        this.token = null;
        attempt--;
        continue;
      }
      if (res.status === 401) throw new Ss12000Error('auth', t('ss12000.error.unauthorized', { path, status: 401 }), { path, status: 401 });
      if (res.status === 403) throw new Ss12000Error('auth', t('ss12000.error.forbidden', { path, status: 403 }), { path, status: 403 });
      if (res.status === 429 || res.status >= 500) {
        // A 503 may say when to come back too; otherwise 5xx backs off exponentially.
        const wait = res.status === 429 || res.header('retry-after') ? this.retryAfter(res, attempt) : this.backoff(attempt);
        if (attempt <= this.opts.maxRetries && wait <= MAX_WAIT_MS) {
          await this.sleep(wait);
          continue;
        }
        throw new Ss12000Error('http', t('ss12000.error.http', { status: res.status, path, attempts: attempt }), { path, status: res.status });
      }
      if (res.status < 200 || res.status >= 300) {
        throw new Ss12000Error('http', t('ss12000.error.http', { status: res.status, path, attempts: attempt }), { path, status: res.status });
      }
      try {
        return JSON.parse(res.body) as unknown;
      } catch {
        throw new Ss12000Error('invalid-response', t('ss12000.error.notJson', { path }), { path, status: res.status });
      }
    }
  }

  /** Spaces request starts by 1/rate seconds. */
  private async throttle(): Promise<void> {
    const interval = 1000 / this.opts.rateLimitPerSecond;
    const now = this.timer();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    // Under a millisecond is not worth a timer (and would be rounded to one anyway).
    if (slot - now >= 1) await this.sleep(Math.round(slot - now));
  }

  private backoff(attempt: number): number {
    return Math.min(MAX_BACKOFF_MS, this.opts.backoffBaseMs * 2 ** (attempt - 1));
  }

  /** Retry-After in seconds or as an HTTP date; without one, the usual backoff. */
  private retryAfter(res: HttpResponse, attempt = 1): number {
    const value = res.header('retry-after')?.trim();
    if (value) {
      if (/^\d+$/.test(value)) return Number(value) * 1000;
      const at = Date.parse(value);
      if (!Number.isNaN(at)) return Math.max(0, at - this.now());
    }
    return this.backoff(attempt);
  }

  private transportFailure(e: TransportError, path: string): Ss12000Error {
    if (e.code === 'TIMEOUT') {
      return new Ss12000Error('timeout', t('ss12000.error.timeout', { path, seconds: (this.opts.timeoutMs / 1000).toLocaleString('sv-SE') }), { path });
    }
    return new Ss12000Error('network', t('ss12000.error.network', { path, detail: networkDetail(e.code, this.options.auth.kind === 'certificate') }), { path });
  }

  private tlsAgent(): https.Agent | undefined {
    const auth = this.options.auth;
    if (auth.kind !== 'certificate') return undefined;
    if (!this.agent) {
      const read = (file: string, what: string): Buffer => {
        try {
          return readFileSync(file);
        } catch {
          throw new Ss12000Error('config', t('ss12000.error.certFile', { what, file }));
        }
      };
      this.agent = new https.Agent({
        cert: read(auth.certFile, t('ss12000.config.certFile')),
        key: read(auth.keyFile, t('ss12000.config.keyFile')),
        ca: auth.caFile ? read(auth.caFile, t('ss12000.config.caFile')) : undefined,
        passphrase: auth.passphrase,
        keepAlive: true,
      });
    }
    return this.agent;
  }

  /** A cached bearer token, fetched with the client credentials grant when missing or about to expire. */
  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.expiresAt) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const auth = this.options.auth;
    if (auth.kind !== 'client_credentials') throw new Error('accessToken without client credentials'); // a bug
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(auth.tokenUrl);
    } catch {
      throw new Ss12000Error('config', t('ss12000.error.config', { detail: t('ss12000.config.tokenUrl') }));
    }
    const shown = `${tokenUrl.origin}${tokenUrl.pathname}`;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (auth.scope) form.set('scope', auth.scope);
    // RFC 6749 2.3.1: id and secret form-encoded, then sent as HTTP Basic.
    const basic = Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString('base64');
    for (let attempt = 1; ; attempt++) {
      await this.throttle();
      let res: HttpResponse;
      try {
        res = await send({
          method: 'POST',
          url: tokenUrl,
          headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
          body: form.toString(),
          timeoutMs: this.opts.timeoutMs,
        });
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (attempt <= this.opts.maxRetries) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new Ss12000Error('network', t('ss12000.error.tokenNetwork', { url: shown, detail: networkDetail(e.code) }), { path: tokenUrl.pathname });
      }
      if ((res.status === 429 || res.status >= 500) && attempt <= this.opts.maxRetries) {
        await this.sleep(Math.min(this.retryAfter(res, attempt), MAX_WAIT_MS));
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        throw new Ss12000Error('auth', t('ss12000.error.token', { url: shown, status: res.status }), { path: tokenUrl.pathname, status: res.status });
      }
      let body: { access_token?: unknown; expires_in?: unknown };
      try {
        body = JSON.parse(res.body) as typeof body;
      } catch {
        body = {};
      }
      if (typeof body.access_token !== 'string' || body.access_token === '') {
        throw new Ss12000Error('auth', t('ss12000.error.tokenResponse', { url: shown }), { path: tokenUrl.pathname, status: res.status });
      }
      const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_TOKEN_LIFETIME_MS;
      this.token = { value: body.access_token, expiresAt: this.now() + Math.max(0, lifetime - TOKEN_SKEW_MS) };
      return this.token.value;
    }
  }
}

function pick(query: Query, keys: readonly string[]): Query {
  return Object.fromEntries(keys.map((k) => [k, query[k]]));
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Node's error code in words; TLS problems say so, since a wrong certificate is the usual cause. */
function networkDetail(code: string, certificate = false): string {
  if (code === 'ECONNREFUSED') return t('ss12000.net.refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t('ss12000.net.dns');
  // With TLS 1.3 a server that refuses the client certificate just closes the connection.
  if (code === 'ECONNRESET' || code === 'EPIPE') return certificate ? t('ss12000.net.resetCertificate') : t('ss12000.net.reset');
  if (code === 'BODY_TOO_LARGE') return t('ss12000.net.tooLarge');
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|HANDSHAKE/i.test(code)) return t('ss12000.net.tls', { code });
  return t('ss12000.net.other', { code });
}
