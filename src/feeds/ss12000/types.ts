/**
 * The data the SS 12000 client hands to the feed, in this project's words. The client
 * reads SS 12000 v2.1 (and tolerates the draft spellings some servers still send) and
 * normalises it into these shapes at the edge, so the feed never sees the wire format.
 * See docs/ss12000-client.md and ss12000-subset.openapi.yaml for where each field comes from.
 */

/** v2.1 `securityMarking`. Drafts sent a boolean; true is read as 'Sekretessmarkering'. */
export type SecurityMarking = 'Ingen' | 'Sekretessmarkering' | 'Skyddad folkbokföring';

/**
 * v2.1 `personStatus`. The issue text (and drafts) say 'Normal'; v2.1 says 'Aktiv', and the
 * client reads 'Normal' as 'Aktiv'. 'Utvandrad' feeds left-without-destination.
 */
export type PersonStatus = 'Aktiv' | 'Utvandrad' | 'Avliden';

/** A school unit: v2.1 has no /schoolUnits, so this is an organisation of type 'Skolenhet'. */
export interface SchoolUnit {
  id: string;
  displayName: string;
  /** Skolenhetskod (8 digits in Skolverket's register); null when the server leaves it out. */
  schoolUnitCode: string | null;
}

/** The personal number exactly as sent (12 characters expected); check it with checkCivicNo. */
export interface CivicNo {
  value: string;
  /** ISO 3166-1 alpha-2; null when not sent (the standard's default is SE). */
  nationality: string | null;
}

/** One enrolment (inskrivning): the roster is the persons with an enrolment at a school unit. */
export interface Enrolment {
  /** v2.1 `enroledAt.id` (the issue text calls it schoolUnit.id). */
  schoolUnitId: string;
  /** e.g. 'GR', 'GY'; null when not sent. */
  schoolType: string | null;
  schoolYear: number | null;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, inclusive; null = open-ended. */
  endDate: string | null;
  /** A cancelled enrolment never started; the feed should skip it. */
  cancelled: boolean;
}

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  /** null when the server sends no personal number (the feed must say so, not guess). */
  civicNo: CivicNo | null;
  /** 'Ingen' when the server leaves it out. */
  securityMarking: SecurityMarking;
  /** true for 'Sekretessmarkering' and 'Skyddad folkbokföring': show as protected pupil. */
  protectedIdentity: boolean;
  /** 'Aktiv' when the server leaves it out. */
  personStatus: PersonStatus;
  enrolments: Enrolment[];
  /**
   * Person ids of the guardians: v2.1 `responsibles[].person.id` with relationType
   * 'Vårdnadshavare' (drafts: `guardians` as a list of ids). Shared ids link siblings.
   */
  guardianIds: string[];
}

/** One row of /aggregatedAttendance: one student, one activity, the window's sums in minutes. */
export interface AggregatedAttendance {
  studentId: string;
  activityId: string;
  activityName: string | null;
  /** The window the server says the sums cover (YYYY-MM-DD); null when not sent. */
  startDate: string | null;
  endDate: string | null;
  /**
   * Minutes. null means the server did not send the field — never read it as 0 ("not
   * reported" is never "present" and never "absent").
   */
  attendanceSum: number | null;
  validAbsenceSum: number | null;
  invalidAbsenceSum: number | null;
  otherAttendanceSum: number | null;
  reportedSum: number | null;
  offeredSum: number | null;
}

/** A registered absence (/absences): leave granted or reported by a guardian. */
export interface Absence {
  id: string;
  studentId: string;
  /** v2.1 `organisation.id`; null when not sent. */
  schoolUnitId: string | null;
  /** ISO 8601 date-time with offset, as sent. */
  startTime: string;
  endTime: string;
  /** The server's word for the kind of absence (e.g. leave granted), as sent; null when not sent. */
  type: string | null;
}

/** How Saknad proves who it is to the school system. */
export type Ss12000Auth =
  | {
      kind: 'client_credentials';
      tokenUrl: string;
      clientId: string;
      clientSecret: string;
      scope?: string;
    }
  | {
      kind: 'certificate';
      /** PEM files on the server's disk (paths, not contents). */
      certFile: string;
      keyFile: string;
      caFile?: string;
      passphrase?: string;
    };

export interface Ss12000ClientOptions {
  /** The server's SS 12000 root, prefix included, e.g. https://skola.example/o/rest/ss12000 */
  baseUrl: string;
  auth: Ss12000Auth;
  /** Requests per second at most (default 5). */
  rateLimitPerSecond?: number;
  /** Retries after a 5xx, 429 or network error (default 4). */
  maxRetries?: number;
  /** Per-request timeout in ms (default 30 000). */
  timeoutMs?: number;
  /** Page size asked for with `limit` (default 500). */
  pageSize?: number;
  /** Stop with an error after this many pages of one list (default 1000). */
  maxPages?: number;
  /** Base of the exponential backoff in ms (default 500; doubles per retry, capped at 30 s). */
  backoffBaseMs?: number;
  /** Ids per POST /persons/lookup (default 100). */
  lookupBatchSize?: number;
  /**
   * Injected for tests, together with `sleep`: a fake timer in ms that the fake sleep
   * moves. Spaces requests (default performance.now); also the wall clock when no `clock` is given.
   */
  now?: () => number;
  /** The app's Clock (shared/clock): token expiry and Retry-After dates (default Date.now, or `now`). Never spaces requests. */
  clock?: () => Date;
  /** Injected for tests: wait this many ms (default a real timer). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PersonsQuery {
  /** Only persons with an enrolment at this school unit (v2.1 `relationship.organisation`). */
  schoolUnit?: string;
}

export interface AggregatedAttendanceQuery {
  /** YYYY-MM-DD, inclusive. */
  startDate: string;
  /** YYYY-MM-DD, inclusive. */
  endDate: string;
  /** Only this school unit (v2.1 calls the parameter `organisation`). */
  schoolUnit?: string;
}

export interface AbsencesQuery {
  /** Only absences starting on or after this date-time (v2.1 `startTime.onOrAfter`). */
  startTime: string;
  /** Only absences starting on or before this date-time (v2.1 `startTime.onOrBefore`). */
  endTime: string;
  /** Only this school unit (v2.1 `organisation`). */
  schoolUnit?: string;
}

/** What the feed calls; Ss12000Client implements it (a test double may too). */
export interface Ss12000Api {
  schoolUnits(): Promise<SchoolUnit[]>;
  persons(query?: PersonsQuery): Promise<Person[]>;
  /** Persons by id (POST /persons/lookup); unknown ids are left out of the answer. */
  personsById(ids: readonly string[]): Promise<Person[]>;
  aggregatedAttendance(query: AggregatedAttendanceQuery): Promise<AggregatedAttendance[]>;
  absences(query: AbsencesQuery): Promise<Absence[]>;
}

/** What went wrong, for the feed to decide (all are failures: nothing partial is returned). */
export type Ss12000ErrorKind =
  | 'config' // bad options or unreadable certificate files
  | 'network' // connection refused, reset, DNS, TLS handshake
  | 'timeout'
  | 'auth' // token endpoint refused us, or 401/403 after a fresh token
  | 'http' // any other non-2xx after retries
  | 'invalid-response' // not JSON, or not the shape SS 12000 promises
  | 'paging'; // too many pages

/** Result of checkCivicNo: the kind of number, or a Swedish message why the feed must refuse it. */
export type CivicNoCheck =
  { ok: true; kind: 'personnummer' | 'samordningsnummer'; value: string } | { ok: false; kind: 'tillfalligt' | 'ogiltigt'; message: string };
