import ExcelJS from 'exceljs';
import request from 'supertest';
import { aRound, anUpload, aSchool, type PupilPlan } from '../helpers/builders';
import { unitNorr } from '../helpers/case-world';
import { csv } from '../helpers/fixtures';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { pdfText } from '../helpers/pdf-text';
import { loadConfig } from '../../src/config';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

/** Issue 16, findings 1 and 3–7: each test failed before its fix. (2, the PDF font, is in referral-pdf.test.ts.) */

const DAYS = ['2026-08-18', '2026-08-19', '2026-08-20'];
// Two schools' uploads share a guardian: Amal at Alfaskolan, Cleo (class 2B) at Betaskolan.
const AMAL = { pn: PUPILS[0], name: 'Amal Ek' };
const CLEO = { pn: PUPILS[3], name: 'Cleo Dal' };
const DOLD = { pn: PUPILS[2], name: 'Dold Person' };

/** Every pupil of the plan away all three days (unexplained). */
const importSchool = (env: TestEnv, roundId: number, code: string, plan: PupilPlan[]) =>
  anUpload(roundId, code)
    .onDays(DAYS)
    .withPupils(plan)
    .absentFrom(...plan.map((p) => p.pn))
    .named(`${code}.csv`)
    .commit(env);

async function setUp(extraEnv: Record<string, string> = {}) {
  const env = testEnv(extraEnv);
  env.clock.now = new Date('2026-08-21T08:00:00Z');
  await seedBasic(env.services);
  const unitId = unitNorr(env);
  const roundId = (await aRound().named('HT2026').windowDays(3).open().build(env)).id;
  await importSchool(env, roundId, '11111111', [
    { ...AMAL, className: '8B', guardian: GUARDIANS[0] },
    { ...DOLD, className: '8B', protectedId: true },
  ]);
  await importSchool(env, roundId, '22222222', [{ ...CLEO, className: '2B', guardian: GUARDIANS[0] }]);
  const caseOf = (pn: string) => env.services.cases.queue(admin, { state: 'all' }).cases.find((c) => c.pupil.personalNumber.slice(0, 8) === pn.slice(0, 8))!.id;
  return {
    env,
    roundId,
    unitId,
    caseOf,
    principal: env.services.auth.actorForEmail('rektor@test.invalid')!,
    coordinator: env.services.auth.actorForEmail('samordnare@test.invalid')!,
  };
}

const SEND = {
  urgency: 'normal',
  pupilKnows: 'no',
  interpreterNeeded: 'unknown',
  guardian1Name: 'Vårdnadshavare Ett',
  guardian1Informed: 'no',
  guardian1NotInformedWhy: 'Risk för hedersrelaterat våld.',
  reporterName: 'Rektor Testsson',
  reporterWorkplace: 'Alfaskolan',
  reporterPhone: '08-123 456',
  concernSeen: 'Eleven har inte kommit tillbaka efter sommarlovet.',
  concernHeard: 'En klasskamrat säger att eleven ska giftas bort.',
  informationSource: 'Klasskamrat till mentor, 2026-08-20.',
  acuteDanger: 'no',
};

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('finding 1: a principal learns only that a sibling exists and is flagged', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  afterEach(() => s.env.close());

  const secrets = [CLEO.name, 'Cleo', CLEO.pn, CLEO.pn.slice(2), 'Betaskolan', '2B'];

  it('keeps the other school’s sibling off the principal’s form, referral page, PDF and API; the coordinator sees it', async () => {
    const amal = s.caseOf(AMAL.pn);
    const agent = await loginAs(s.env.app, 'rektor@test.invalid');
    const form = await agent.get(`/arenden/${amal}/orosanmalan`);
    expect(form.status).toBe(200);
    for (const secret of secrets) expect(form.text).not.toContain(secret);
    expect(form.text).toContain('Eleven har ett syskon (samma vårdnadshavare) i kommunens uppgifter; det är också flaggat i kartläggningen.');

    // The principal sends the form as it was filled in for them.
    const values = s.env.services.referrals.form(s.principal, amal).values;
    const fields = Object.fromEntries(Object.entries({ ...values, ...SEND, unitId: String(s.unitId), action: 'send' }).map(([k, v]) => [k, String(v)]));
    const sent = await postForm(agent, `/arenden/${amal}/orosanmalan`, `/arenden/${amal}/orosanmalan`, fields);
    expect(sent.status).toBe(303);
    const referralId = Number(/\/orosanmalningar\/(\d+)/.exec(sent.headers.location!)![1]);
    const page = await agent.get(`/orosanmalningar/${referralId}`);
    const pdf = await agent.get(`/orosanmalningar/${referralId}/pdf`).buffer(true).parse(binary);
    const token = s.env.services.tokens.create(s.principal, { name: 't' }).token;
    const api = await request(s.env.app).get(`/api/v1/referrals/${referralId}`).set('Authorization', `Bearer ${token}`);
    expect([page.status, pdf.status, api.status]).toEqual([200, 200, 200]);
    for (const text of [page.text, pdfText(pdf.body as Buffer), JSON.stringify(api.body)]) {
      expect(text).toContain('Amal');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }

    const coordinatorForm = s.env.services.referrals.form(s.coordinator, amal).values.siblings;
    expect(coordinatorForm).toBe(`${CLEO.name} (${CLEO.pn}), Betaskolan, 2B`);
  });

  it('shows a principal the counts, not a coordinator’s sibling text, on a referral and a draft the coordinator wrote', async () => {
    const amal = s.caseOf(AMAL.pn);
    const coordinatorText = s.env.services.referrals.form(s.coordinator, amal).values.siblings;
    await s.env.services.referrals.save(s.coordinator, amal, { ...SEND, siblings: coordinatorText, unitId: s.unitId }, false);
    const draftForm = s.env.services.referrals.form(s.principal, amal).values.siblings;
    for (const secret of secrets) expect(draftForm).not.toContain(secret);
    // The principal saves the draft without touching the field: the coordinator's text is kept.
    await s.env.services.referrals.save(s.principal, amal, { ...SEND, siblings: draftForm, unitId: s.unitId }, false);
    const sent = await s.env.services.referrals.save(
      s.coordinator,
      amal,
      { ...s.env.services.referrals.form(s.coordinator, amal).values, unitId: s.unitId },
      true,
    );
    expect(s.env.services.referrals.get(s.coordinator, sent.id).fields.find((f) => f.key === 'siblings')!.value).toBe(coordinatorText);
    const asPrincipal = JSON.stringify(s.env.services.referrals.get(s.principal, sent.id));
    for (const secret of secrets) expect(asPrincipal).not.toContain(secret);
    expect(asPrincipal).toContain('det är också flaggat');
  });
});

describe('finding 3: the audit log export passes the admin guard', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => (s = await setUp()));
  afterAll(() => s.env.close());

  it('sends an anonymous visitor to the login page and refuses a coordinator, like the log page', async () => {
    const anonymous = await request(s.env.app).get('/admin/logg.csv');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Flogg.csv');
    const coordinator = await loginAs(s.env.app, 'samordnare@test.invalid');
    const refused = await coordinator.get('/admin/logg.csv');
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('text/html');
    expect((await coordinator.get('/admin/logg')).status).toBe(403);
  });
});

describe('finding 4: the add-pupil form is scoped like its POST', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => (s = await setUp()));
  afterAll(() => s.env.close());

  it('opens for the principal’s own school only; another school’s or no school’s form is a 404, the other school’s audited', async () => {
    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    expect((await principal.get(`/omgangar/${s.roundId}/skolor/11111111/elever/ny`)).status).toBe(200);
    expect((await principal.get(`/omgangar/${s.roundId}/skolor/22222222/elever/ny`)).status).toBe(404);
    expect((await principal.get(`/omgangar/${s.roundId}/skolor/99999999/elever/ny`)).status).toBe(404);
    const denied = s.env.services.audit.list(admin, { action: 'access.denied' }, 1, 50).rows;
    expect(denied.map((d) => [d.actor, d.objectId, d.outcome])).toContainEqual(['rektor@test.invalid', '22222222', 'denied']);
  });
});

describe('finding 5: CSV exports keep a hostile school name in one neutralised cell', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = testEnv();
    await seedBasic(env.services);
  });
  afterAll(() => env.close());

  it('writes the board with the school name quoted and neutralised', async () => {
    const hostile = 'Ekdal,=1+1,@SUM(9)';
    aSchool('33333333').named(hostile).build(env);
    const roundId = (await aRound().named('HT2026').windowDays(3).forSchools('33333333').build(env)).id;
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const board = await agent.get(`/omgangar/${roundId}/status.csv`);
    expect(board.status).toBe(200);
    expect(board.text).toContain(`33333333;"Ekdal,'=1+1,'@SUM(9)";`);
    expect(board.text).not.toMatch(/[,;]=1\+1|[,;]@SUM/);

    // The Excel board keeps it as text too (a string cell never starts with a formula character).
    env.services.schools.create(admin, { code: '44444444', name: '=HYPERLINK("http://x")', type: 'grundskola' });
    env.services.rounds.update(admin, roundId, {
      name: 'HT2026',
      breakType: 'summer',
      termStart: '2026-08-18',
      windowDays: 3,
      schoolCodes: ['33333333', '44444444'],
    });
    const xlsx = await agent.get(`/omgangar/${roundId}/status.xlsx`).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const names = wb.worksheets[0]!.getColumn(2).values.filter((v): v is string => typeof v === 'string');
    expect(names).toEqual(expect.arrayContaining([hostile, `'=HYPERLINK("http://x")`]));
  });
});

describe('finding 6: refused reveals and request ids in the audit log', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => (s = await setUp()));
  afterAll(() => s.env.close());

  it('logs a principal’s refused identity reveal on a case and a referral', async () => {
    const dold = s.caseOf(DOLD.pn);
    const sent = await s.env.services.referrals.save(s.coordinator, dold, { ...SEND, unitId: s.unitId }, true);
    const principal = await loginAs(s.env.app, 'rektor@test.invalid');
    expect((await postForm(principal, `/arenden/${dold}`, `/arenden/${dold}/visa-identitet`, {})).status).toBe(403);
    expect((await postForm(principal, `/orosanmalningar/${sent.id}`, `/orosanmalningar/${sent.id}/visa-identitet`, {})).status).toBe(403);
    const refused = s.env.services.audit.list(admin, { outcome: 'denied' }, 1, 50).rows.filter((r) => /reveal_identity/.test(r.action));
    expect(refused.map((r) => [r.action, r.objectId, r.actor])).toEqual(
      expect.arrayContaining([
        ['case.reveal_identity', String(dold), 'rektor@test.invalid'],
        ['referral.reveal_identity', String(sent.id), 'rektor@test.invalid'],
      ]),
    );
  });

  it('carries the request id (X-Request-Id) into audit rows written by a GET, a form POST and an API call', async () => {
    const agent = await loginAs(s.env.app, 'samordnare@test.invalid');
    const amal = s.caseOf(AMAL.pn);
    const rowsFor = (requestId: string) => s.env.services.audit.list(admin, {}, 1, 500).rows.filter((r) => r.requestId === requestId);

    const read = await agent.get(`/arenden/${amal}`);
    expect(read.status).toBe(200);
    expect(rowsFor(read.headers['x-request-id']!).map((r) => r.action)).toContain('case.read');

    const draft = await postForm(agent, `/arenden/${amal}/orosanmalan`, `/arenden/${amal}/orosanmalan`, { ...SEND, unitId: String(s.unitId), action: 'draft' });
    expect(draft.status).toBe(303);
    expect(rowsFor(draft.headers['x-request-id']!).map((r) => r.action)).toContain('referral.draft');

    const token = s.env.services.tokens.create(s.coordinator, { name: 't' }).token;
    const api = await request(s.env.app).get(`/api/v1/cases/${amal}`).set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    expect(rowsFor(api.headers['x-request-id']!).map((r) => r.action)).toContain('case.read');

    // A multipart upload resumes from stream events (multer): the id must survive that too.
    const principalToken = s.env.services.tokens.create(s.principal, { name: 'import' }).token;
    const file = csv([['Personnummer', 'Namn', 'Datum', 'Närvaro'], ...DAYS.map((d) => [AMAL.pn, AMAL.name, d, 'N'])]);
    const upload = await request(s.env.app)
      .post(`/api/v1/rounds/${s.roundId}/schools/11111111/uploads`)
      .set('Authorization', `Bearer ${principalToken}`)
      .attach('file', file, 'narvaro.csv');
    expect(upload.status).toBe(201);
    expect(rowsFor(upload.headers['x-request-id']!).map((r) => r.action)).toContain('import.commit');
  });
});

describe('finding 7: frame and permission headers, and an absolute session lifetime', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = testEnv({ SAKNAD_SESSION_ABSOLUTE_HOURS: '2' });
    await seedBasic(env.services);
  });
  afterEach(() => env.close());

  it('forbids framing outright and every browser feature Saknad does not use', async () => {
    const res = await request(env.app).get('/login');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(res.headers['permissions-policy']).toContain(`${feature}=()`);
  });

  it('ends a session that is used all the time once the absolute lifetime has passed', async () => {
    const agent = await loginAs(env.app, 'samordnare@test.invalid');
    // A request every 20 minutes: never idle for the 30 minutes that end a session.
    for (let i = 0; i < 5; i++) {
      env.clock.advanceMinutes(20);
      expect((await agent.get('/samordnare')).status).toBe(200);
    }
    env.clock.advanceMinutes(25); // 2 h 5 min after login, 25 min after the last request
    const res = await agent.get('/samordnare');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fsamordnare');
    // Logging in again starts a new lifetime.
    const again = await loginAs(env.app, 'samordnare@test.invalid');
    expect((await again.get('/samordnare')).status).toBe(200);
  });

  it('defaults to 10 hours and refuses a value outside 1–168', () => {
    expect(env.config.sessionAbsoluteHours).toBe(2);
    expect(testEnvConfig({}).sessionAbsoluteHours).toBe(10);
    expect(() => testEnvConfig({ SAKNAD_SESSION_ABSOLUTE_HOURS: '0' })).toThrow(/SAKNAD_SESSION_ABSOLUTE_HOURS/);
  });
});

function testEnvConfig(env: Record<string, string>) {
  return loadConfig({ NODE_ENV: 'test', ...env });
}
