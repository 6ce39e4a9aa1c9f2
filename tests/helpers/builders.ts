import type { ImportReport } from '../../src/imports/import-report';
import type { UploadRequest } from '../../src/imports/import-service';
import type { School } from '../../src/schools/school-repository';
import type { RoundWithSchools } from '../../src/rounds/round-service';
import type { UserWithRoles } from '../../src/users/user-repository';
import { csv, tempFile } from './fixtures';
import { admin, PASSWORD, type TestEnv } from './test-env';

/**
 * Builders for the usual test set-up. Each one goes through the real services as the
 * system admin, so what a test arranges is what the app would store (no repository is
 * mocked or written to directly). Defaults match seedBasic and summerRoundEnv.
 */

const SCHOOL_NAMES = ['Alfaskolan', 'Betaskolan', 'Gammaskolan', 'Deltaskolan', 'Epsilonskolan'];
/** The code and name of the n-th test school (0-based): 11111111 Alfaskolan, 22222222 Betaskolan, … */
export const schoolCode = (n: number): string => String(n + 1).repeat(8);
const schoolName = (n: number): string => SCHOOL_NAMES[n] ?? `Skola ${n + 1}`;

class SchoolBuilder {
  private name: string;
  private type = 'grundskola';
  constructor(private readonly code: string) {
    const n = Number(code[0]) - 1;
    this.name = code === schoolCode(n) ? schoolName(n) : `Skola ${code}`;
  }
  named(name: string): this {
    this.name = name;
    return this;
  }
  ofType(type: string): this {
    this.type = type;
    return this;
  }
  build(env: TestEnv): School {
    return env.services.schools.create(admin, { code: this.code, name: this.name, type: this.type });
  }
}

/** `aSchool('11111111').named('Alfaskolan').build(env)` */
export const aSchool = (code = schoolCode(0)): SchoolBuilder => new SchoolBuilder(code);

type Role = 'admin' | 'principal' | 'coordinator' | 'social_services';

class UserBuilder {
  private name: string;
  private roles: Role[] = [];
  private schoolCodes: string[] = [];
  private password: string | undefined = PASSWORD;
  constructor(private readonly email: string) {
    this.name = email.split('@')[0]!;
  }
  named(name: string): this {
    this.name = name;
    return this;
  }
  /** A role; a principal's schools come with it. */
  withRole(role: Role, ...schoolCodes: string[]): this {
    this.roles.push(role);
    this.schoolCodes.push(...schoolCodes);
    return this;
  }
  /** No password: the user must be sent a link (as the web form does). */
  withoutPassword(): this {
    this.password = undefined;
    return this;
  }
  build(env: TestEnv): Promise<UserWithRoles> {
    return env.services.users.create(admin, { email: this.email, name: this.name, roles: this.roles, schoolCodes: this.schoolCodes }, this.password);
  }
}

/** `await aUser('rektor2@test.invalid').withRole('principal', '22222222').build(env)`, with PASSWORD. */
export const aUser = (email: string): UserBuilder => new UserBuilder(email);

type BreakType = 'summer' | 'autumn' | 'christmas' | 'winter' | 'easter' | 'other';

class RoundBuilder {
  private input: { name: string; breakType: BreakType; termStart: string; windowDays?: number; deadline?: string; recheckDate?: string } = {
    name: 'HT2026 efter sommarlovet',
    breakType: 'summer',
    termStart: '2026-08-18',
  };
  private schoolCount = 0;
  private schoolCodes: string[] = [];
  private opened = false;

  named(name: string): this {
    this.input.name = name;
    return this;
  }
  /** The break the round follows and the first day of term after it. */
  after(breakType: BreakType, termStart: string): this {
    Object.assign(this.input, { breakType, termStart });
    return this;
  }
  windowDays(days: number): this {
    this.input.windowDays = days;
    return this;
  }
  deadline(date: string): this {
    this.input.deadline = date;
    return this;
  }
  recheck(date: string): this {
    this.input.recheckDate = date;
    return this;
  }
  /** Creates this many test schools (11111111 Alfaskolan, 22222222 Betaskolan, …) first. */
  withSchools(count: number): this {
    this.schoolCount = count;
    return this;
  }
  /** Only these existing schools take part (without it: every active school, as in the app). */
  forSchools(...codes: string[]): this {
    this.schoolCodes = codes;
    return this;
  }
  /** Opens the round after creating it (sends the principals' invitations). */
  open(): this {
    this.opened = true;
    return this;
  }
  async build(env: TestEnv): Promise<RoundWithSchools> {
    for (let n = 0; n < this.schoolCount; n++) aSchool(schoolCode(n)).build(env);
    const round = env.services.rounds.create(admin, { ...this.input, schoolCodes: this.schoolCodes });
    if (!this.opened) return round;
    await env.services.rounds.open(admin, round.id);
    return env.services.rounds.get(admin, round.id);
  }
}

/** `await aRound().withSchools(2).build(env)`: "HT2026 efter sommarlovet" from Tue 18 Aug 2026. */
export const aRound = (): RoundBuilder => new RoundBuilder();

/** One pupil's rows in an upload: a status word per day, in the order of the days. */
export interface PupilPlan {
  pn: string;
  name?: string;
  className?: string;
  statuses?: string[];
  guardian?: string;
  protectedId?: boolean;
}

/** The first ten school days of the default round, from Tue 18 Aug 2026. */
export const SUMMER_DAYS = [
  '2026-08-18',
  '2026-08-19',
  '2026-08-20',
  '2026-08-21',
  '2026-08-24',
  '2026-08-25',
  '2026-08-26',
  '2026-08-27',
  '2026-08-28',
  '2026-08-31',
];

class UploadBuilder {
  private pupils: PupilPlan[] = [];
  private days: string[] = SUMMER_DAYS;
  private fileName = 'närvaro.csv';
  private extra: Pick<UploadRequest, 'mapping' | 'statusWords' | 'sheet'> = {};
  private raw: Buffer | null = null;

  constructor(
    private readonly roundId: number,
    private readonly schoolCode: string,
  ) {}

  /** Pupils, present ('N') on every day not given in their statuses. */
  withPupils(pupils: (PupilPlan | string)[]): this {
    // Copies: absentFrom changes this upload's plans, never the caller's objects.
    this.pupils.push(...pupils.map((p) => (typeof p === 'string' ? { pn: p } : { ...p })));
    return this;
  }
  /** The pupils with these personal numbers are away with unexplained absence ('O') every day. */
  absentFrom(...pns: string[]): this {
    for (const p of this.pupils) if (pns.includes(p.pn)) p.statuses = this.days.map(() => 'O');
    return this;
  }
  onDays(days: string[]): this {
    this.days = days;
    return this;
  }
  named(fileName: string): this {
    this.fileName = fileName;
    return this;
  }
  /** A file the test wrote itself (csv() or xlsx() from fixtures), instead of the pupils. */
  file(content: Buffer): this {
    this.raw = content;
    return this;
  }
  with(extra: Pick<UploadRequest, 'mapping' | 'statusWords' | 'sheet'>): this {
    Object.assign(this.extra, extra);
    return this;
  }
  /** The CSV a school system would export for the pupils: one row per pupil and day. */
  content(): Buffer {
    if (this.raw) return this.raw;
    return csv([
      ['Personnummer', 'Namn', 'Klass', 'Datum', 'Närvaro', 'Vårdnadshavare', 'Skyddad identitet'],
      ...this.pupils.flatMap((p) =>
        this.days.map((d, i) => [p.pn, p.name ?? 'Elev Eleven', p.className ?? '7A', d, p.statuses?.[i] ?? 'N', p.guardian ?? '', p.protectedId ? 'J' : '']),
      ),
    ]);
  }
  /** Uploads through the import service (commit, evaluation, cases) and returns its report, whatever it says. */
  send(env: TestEnv): Promise<ImportReport> {
    return env.services.imports.importFile(admin, {
      roundId: this.roundId,
      schoolCode: this.schoolCode,
      filePath: tempFile(this.fileName, this.content()),
      fileName: this.fileName,
      ...this.extra,
    });
  }
  /** As send, but a report that is not committed fails the test's set-up with its errors. */
  async commit(env: TestEnv): Promise<ImportReport> {
    const report = await this.send(env);
    if (report.status !== 'committed') throw new Error(`upload not committed: ${JSON.stringify(report.errors)}`);
    return report;
  }
}

/** `await anUpload(round.id, '11111111').withPupils([PUPILS[0], PUPILS[1]]).absentFrom(PUPILS[0]).commit(env)` */
export const anUpload = (roundId: number, schoolCode: string): UploadBuilder => new UploadBuilder(roundId, schoolCode);

/**
 * The case the rules opened for a pupil in a round: an upload where the pupil never came
 * back (not-returned, high) opens one, as in the app.
 * `const caseId = await aCase(round.id, '11111111', PUPILS[0]).onDays(DAYS).open(env)`
 */
class CaseBuilder {
  private readonly upload: UploadBuilder;
  private readonly pn: string;
  constructor(
    private readonly roundId: number,
    schoolCode: string,
    pupil: PupilPlan | string,
  ) {
    this.pn = typeof pupil === 'string' ? pupil : pupil.pn;
    this.upload = anUpload(roundId, schoolCode).withPupils([pupil]);
  }
  /** Other pupils in the same file, present every day unless their statuses say otherwise. */
  besides(...pupils: (PupilPlan | string)[]): this {
    this.upload.withPupils(pupils);
    return this;
  }
  onDays(days: string[]): this {
    this.upload.onDays(days);
    return this;
  }
  /** Uploads the school's file and returns the id of the pupil's case. */
  async open(env: TestEnv): Promise<number> {
    await this.upload.absentFrom(this.pn).commit(env);
    const found = env.services.cases
      .queue(admin, { state: 'all' })
      .cases.find((c) => c.pupil.personalNumber.slice(0, 8) === this.pn.slice(0, 8) && c.round.id === this.roundId);
    if (!found) throw new Error(`no case opened for ${this.pn}`);
    return found.id;
  }
}

export const aCase = (roundId: number, schoolCode: string, pupil: PupilPlan | string): CaseBuilder => new CaseBuilder(roundId, schoolCode, pupil);
