import request from 'supertest';
import { runCli } from '../../src/cli/run';
import { RulesRepository } from '../../src/rules/rules-repository';
import { aRound, anUpload, aSchool, SUMMER_DAYS, type PupilPlan } from '../helpers/builders';
import { csv } from '../helpers/fixtures';
import { GUARDIANS, PUPILS } from '../helpers/personal-numbers';
import { admin, loginAs, postForm, seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

// The 10 school days from Tue 18 Aug 2026; the clock stands after the window.
const all = (s: string) => SUMMER_DAYS.map(() => s);
// The round after Christmas, whose first five school days the clock has passed.
const JAN_DAYS = ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15'];
const christmasRound = async (env: TestEnv) => {
  const id = (await aRound().named('VT2027 efter jullovet').after('christmas', '2027-01-11').build(env)).id;
  env.clock.now = new Date('2027-01-25T08:00:00Z');
  return id;
};

describe('rules: flags from imports', () => {
  let env: TestEnv;
  let roundId: number;
  beforeEach(async () => {
    env = testEnv();
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    await seedBasic(env.services);
    roundId = (await aRound().build(env)).id;
  });
  afterEach(() => env.close());

  const upload = (plan: PupilPlan[], school = '11111111', round = roundId) => anUpload(round, school).withPupils(plan).send(env);
  const flagsOf = (pn: string, round = roundId) =>
    env.services.rules
      .listFlags(admin, round)
      .find((f) => f.pupil.personalNumber.startsWith(pn.slice(0, 8)) && (f.pupil.protected || f.pupil.personalNumber === pn));

  it('flags a pupil who has not returned, with the sentence of docs/design.md, right after the upload', async () => {
    await upload([
      { pn: PUPILS[0], statuses: all('Ogiltig frånvaro') },
      { pn: PUPILS[1], statuses: all('N') },
    ]);
    const f = flagsOf(PUPILS[0])!;
    expect(f.severity).toBe('high');
    expect(f.rules).toEqual([
      expect.objectContaining({
        id: 'not-returned',
        explanation: 'Har inte varit närvarande någon av de 10 skoldagarna sedan terminsstart 18 augusti 2026 (10 dagar ogiltig frånvaro).',
      }),
    ]);
    expect(flagsOf(PUPILS[1])).toBeUndefined();
  });

  it.each([
    ['three unexplained days', ['O', 'N', 'O', 'N', 'O', 'N', 'N', 'N', 'N', 'N'], 'unexplained-absence'],
    ['five valid days in a row', ['N', 'G', 'G', 'G', 'G', 'G', 'N', 'N', 'N', 'N'], 'long-absence'],
  ])('flags %s', async (_what, statuses, rule) => {
    await upload([{ pn: PUPILS[0], statuses }]);
    expect(flagsOf(PUPILS[0])!.rules.map((r) => r.id)).toEqual([rule]);
  });

  it('keeps a flag a re-upload clears, as cleared with when and why', async () => {
    await upload([{ pn: PUPILS[0], statuses: all('O') }]);
    await upload([{ pn: PUPILS[0], statuses: all('N') }]);
    expect(flagsOf(PUPILS[0])).toBeUndefined();
    const cleared = new RulesRepository(env.db).clearedFlags(roundId, null);
    expect(cleared).toEqual([
      expect.objectContaining({
        ruleId: 'not-returned',
        clearedAt: '2026-09-15T08:00:00.000Z',
        clearedReason: expect.stringContaining('uppfylls inte längre'),
      }),
    ]);
  });

  it('raises siblings across schools and never names the sibling', async () => {
    await upload([{ pn: PUPILS[0], statuses: ['N', 'O', 'N', 'O', 'N', 'O', 'N', 'N', 'N', 'N'], guardian: GUARDIANS[0] }], '11111111');
    await upload([{ pn: PUPILS[1], statuses: all('O'), guardian: GUARDIANS[0] }], '22222222');
    const a = flagsOf(PUPILS[0])!;
    expect(a.severity).toBe('high');
    expect(a.rules.map((r) => r.id)).toEqual(['unexplained-absence', 'siblings']);
    expect(JSON.stringify(a)).not.toContain(PUPILS[1]);
    expect(JSON.stringify(a)).not.toContain('Betaskolan');
  });

  it('flags pupils who vanished from a roster, only once their school has reported', async () => {
    await upload(
      [
        { pn: PUPILS[0], statuses: all('N'), className: '6B' },
        { pn: PUPILS[1], statuses: all('N') },
      ],
      '11111111',
    );
    await upload([{ pn: PUPILS[2], statuses: all('N') }], '22222222');
    const next = await christmasRound(env);
    // Alfaskolan reports without pupil 0; Betaskolan has not reported yet.
    await anUpload(next, '11111111').onDays(JAN_DAYS).withPupils([PUPILS[1]]).commit(env);
    const flagged = env.services.rules.listFlags(admin, next);
    expect(flagged.map((f) => [f.pupil.personalNumber, f.school.code, f.rules.map((r) => r.id)])).toEqual([[PUPILS[0], '11111111', ['vanished-from-roster']]]);
    expect(flagged[0]!.rules[0]!.explanation).toContain('6B');
  });

  it('raises a pupil flagged in an earlier round', async () => {
    await upload([{ pn: PUPILS[0], statuses: all('O') }]);
    const next = await christmasRound(env);
    await anUpload(next, '11111111')
      .onDays(JAN_DAYS)
      .withPupils([{ pn: PUPILS[0], statuses: ['O', 'O', 'O', 'N', 'N'] }])
      .commit(env);
    const f = flagsOf(PUPILS[0], next)!;
    expect(f.rules.map((r) => r.id)).toEqual(['unexplained-absence', 'previously-flagged']);
    expect(f.severity).toBe('high');
    expect(f.rules[1]!.explanation).toContain('HT2026 efter sommarlovet');
  });

  it('gives previously-flagged and siblings to pupils flagged only as vanished', async () => {
    // Round 1: pupil 0 is flagged; pupil 3 (guardian 0) comes every day; pupils 1 and 4 too.
    await upload(
      [
        { pn: PUPILS[0], statuses: all('O') },
        { pn: PUPILS[1], statuses: all('N') },
        { pn: PUPILS[3], statuses: all('N'), guardian: GUARDIANS[0] },
      ],
      '11111111',
    );
    await upload([{ pn: PUPILS[4], statuses: all('N'), guardian: GUARDIANS[0] }], '22222222');
    expect(flagsOf(PUPILS[0])!.rules.map((r) => r.id)).toEqual(['not-returned']);
    const next = await christmasRound(env);
    // Round 2: pupils 0 and 3 are on no roster; pupil 4, their sibling, stays away.
    await anUpload(next, '11111111')
      .onDays(JAN_DAYS)
      .withPupils([{ pn: PUPILS[1], guardian: GUARDIANS[0] }])
      .commit(env);
    await anUpload(next, '22222222')
      .onDays(JAN_DAYS)
      .withPupils([{ pn: PUPILS[4], guardian: GUARDIANS[0] }])
      .absentFrom(PUPILS[4])
      .commit(env);
    const rulesOf = (pn: string) => flagsOf(pn, next)?.rules.map((r) => r.id);
    expect(rulesOf(PUPILS[0])).toEqual(['vanished-from-roster', 'previously-flagged']);
    expect(flagsOf(PUPILS[0], next)!.rules[1]!.explanation).toContain('HT2026 efter sommarlovet');
    expect(rulesOf(PUPILS[3])).toEqual(['vanished-from-roster', 'siblings']);
    expect(rulesOf(PUPILS[4])).toEqual(['not-returned', 'siblings']);
    expect(rulesOf(PUPILS[1])).toBeUndefined();
  });

  it('scopes flags: a principal sees their school only; protected pupils are masked everywhere', async () => {
    await upload([{ pn: PUPILS[0], statuses: all('O'), protectedId: true }], '11111111');
    await upload([{ pn: PUPILS[1], statuses: all('O') }], '22222222');
    const principal = env.services.auth.actorForEmail('rektor@test.invalid')!;
    const own = env.services.rules.listFlags(principal, roundId);
    expect(own).toHaveLength(1);
    expect(own[0]!.pupil).toMatchObject({ personalNumber: `${PUPILS[0].slice(0, 8)}-****`, name: null, protected: true });

    const agent = await loginAs(env.app, 'rektor@test.invalid');
    const page = await agent.get(`/omgangar/${roundId}`);
    expect(page.text).toContain('Skyddad identitet');
    expect(page.text).not.toContain(PUPILS[0]);
    expect(page.text).not.toContain('Elev Eleven');
    expect(page.text).not.toContain(PUPILS[1]);

    const token = env.services.tokens.create(principal, { name: 't' }).token;
    const api = await request(env.app).get(`/api/v1/rounds/${roundId}/flags`).set('Authorization', `Bearer ${token}`);
    expect(api.status).toBe(200);
    expect(api.body.flagged).toHaveLength(1);
    expect(JSON.stringify(api.body)).not.toContain(PUPILS[0]);
    const socToken = env.services.tokens.create(env.services.auth.actorForEmail('soc@test.invalid')!, { name: 't' }).token;
    expect((await request(env.app).get(`/api/v1/rounds/${roundId}/flags`).set('Authorization', `Bearer ${socToken}`)).status).toBe(404);
    const actions = env.services.audit.list(admin, { action: 'flags.read' }, 1, 100).rows;
    expect(actions.length).toBeGreaterThanOrEqual(2);
  });

  it('prints the CLI contract for evaluate and flags', async () => {
    await upload([
      { pn: PUPILS[0], statuses: all('O'), protectedId: true },
      { pn: PUPILS[1], statuses: all('Ogiltig frånvaro') },
    ]);
    for (const command of ['evaluate', 'flags']) {
      let out = '';
      const code = await runCli([command, '--round', String(roundId), '--json'], {
        env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: env.dir },
        stdout: (s) => (out += s),
        stderr: () => {},
        readStdin: async () => '',
      });
      expect(code).toBe(0);
      const doc = JSON.parse(out);
      expect(Object.keys(doc)).toEqual(['round', 'flagged']);
      expect(doc.round).toBe(roundId);
      const byPn = new Map(doc.flagged.map((f: { pupil: { personalNumber: string } }) => [f.pupil.personalNumber, f]));
      expect(byPn.get(`${PUPILS[0].slice(0, 8)}-****`)).toMatchObject({ pupil: { name: null, protected: true }, school: '11111111' });
      const visible = byPn.get(PUPILS[1]) as { pupil: object; rules: { id: string; severity: string; explanation: string; evidence: object }[] };
      expect(visible.pupil).toEqual({ personalNumber: PUPILS[1], name: 'Elev Eleven', protected: false });
      expect(Object.keys(visible.rules[0]!)).toEqual(['id', 'severity', 'explanation', 'evidence']);
      expect(visible.rules[0]).toMatchObject({ id: 'not-returned', severity: 'high' });
    }
  });

  it('saves a new rule-set version from the admin page after a dry run; earlier flags keep their version', async () => {
    await upload([
      { pn: PUPILS[0], statuses: ['O', 'O', 'O', 'N', 'N', 'N', 'N', 'N', 'N', 'N'] },
      { pn: PUPILS[1], statuses: ['O', 'O', 'N', 'N', 'N', 'N', 'N', 'N', 'N', 'N'] },
    ]);
    expect(env.services.rules.listFlags(admin, roundId)).toHaveLength(1);
    const agent = await loginAs(env.app, 'admin@test.invalid');
    const dry = await postForm(agent, '/admin/regler', '/admin/regler', {
      'rule[unexplained-absence][enabled]': 'on',
      'rule[unexplained-absence][severity]': 'medium',
      'rule[unexplained-absence][params][minDays]': '2',
      roundId: String(roundId),
      action: 'dryrun',
    });
    expect(dry.status).toBe(200);
    expect(dry.text).toMatch(/<td>Alfaskolan<\/td><td>1<\/td><td>2<\/td><td>\+1<\/td>/);
    expect(env.services.rules.ruleSet().version).toBe(1);

    const bad = await postForm(agent, '/admin/regler', '/admin/regler', {
      'rule[unexplained-absence][enabled]': 'on',
      'rule[unexplained-absence][params][minDays]': '-4',
      action: 'save',
    });
    expect(bad.status).toBe(400);
    expect(env.services.rules.ruleSet().version).toBe(1);

    // Save with the whole form as the page sends it (every rule's fields).
    const page = await agent.get('/admin/regler');
    const fields: Record<string, string> = { action: 'save', note: 'Två dagar räcker' };
    for (const m of page.text.matchAll(/name="(rule\[[^"]+)"[^>]*?value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
    for (const m of page.text.matchAll(/name="(rule\[[^\]]+\]\[enabled\])" checked/g)) fields[m[1]!] = 'on';
    for (const m of page.text.matchAll(/name="(rule\[[^\]]+\]\[severity\])">[\s\S]*?<option value="(\w+)" selected/g)) fields[m[1]!] = m[2]!;
    fields['rule[unexplained-absence][params][minDays]'] = '2';
    const saved = await postForm(agent, '/admin/regler', '/admin/regler', fields);
    expect(saved.status).toBe(303);
    expect(env.services.rules.ruleSet().version).toBe(2);
    const flagged = env.services.rules.listFlags(admin, roundId);
    expect(flagged).toHaveLength(2);
    expect(flagged.flatMap((f) => f.rules.map((r) => r.ruleSetVersion))).toEqual([2, 2]);
    const cleared = new RulesRepository(env.db).clearedFlags(roundId, null);
    expect(cleared).toEqual([expect.objectContaining({ clearedReason: expect.stringContaining('Omprövad med regeluppsättning version 2') })]);
    expect((await agent.get('/admin/regler')).text).toContain('Version 2');
  });
});

describe('rules: calendar edges and shapes', () => {
  let env: TestEnv;
  beforeEach(() => {
    env = testEnv();
    aSchool().build(env);
  });
  afterEach(() => env.close());
  const run = async (roundId: number, rows: (string | number | null)[][]) => anUpload(roundId, '11111111').file(csv(rows)).send(env);

  it('starts a round on the Thursday after Epiphany, ignoring a row dated on the holiday', async () => {
    // 6 January 2027 is a Wednesday (trettondedag jul); term starts Thursday 7 January.
    env.clock.now = new Date('2027-01-20T08:00:00Z');
    const round = await aRound().named('VT2027 efter jullovet').after('christmas', '2027-01-07').build(env);
    expect(env.services.rounds.windowDates(round)).toEqual(['2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12', '2027-01-13']);
    const report = await run(round.id, [
      ['Personnummer', 'Datum', 'Närvaro'],
      [PUPILS[0], '2027-01-06', 'O'],
      ...['2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12', '2027-01-13'].map((d) => [PUPILS[0], d, 'O']),
    ]);
    expect(report.warnings[0]).toMatchObject({ row: 2 });
    expect(report.warnings[0]!.message).toContain('trettondedag jul');
    const f = env.services.rules.listFlags(admin, round.id)[0]!;
    expect(f.rules[0]!.explanation).toBe('Har inte varit närvarande någon av de 5 skoldagarna sedan terminsstart 7 januari 2027 (5 dagar ogiltig frånvaro).');
  });

  it('counts only the days so far when the window is partly observed', async () => {
    env.clock.now = new Date('2026-08-20T12:00:00Z'); // Thursday: 18, 19, 20 August observed
    const round = await aRound().named('HT2026').build(env);
    await run(round.id, [
      ['Personnummer', 'Datum', 'Närvaro'],
      ...['2026-08-18', '2026-08-19'].map((d) => [PUPILS[0], d, 'O']),
      ...['2026-08-18', '2026-08-19', '2026-08-20'].map((d) => [PUPILS[1], d, 'N']),
    ]);
    const flagged = env.services.rules.listFlags(admin, round.id);
    expect(flagged.map((f) => f.pupil.personalNumber)).toEqual([PUPILS[0]]);
    expect(flagged[0]!.rules[0]!.explanation).toBe(
      'Har inte varit närvarande någon av de 3 skoldagarna sedan terminsstart 18 augusti 2026 (2 dagar ogiltig frånvaro, 1 dag utan rapporterad närvaro).',
    );
  });

  it('flags from a summary-shaped import without per-day data', async () => {
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    const round = await aRound().named('HT2026').build(env);
    await run(round.id, [
      ['Personnummer', 'Närvarande dagar', 'Giltig frånvaro (dagar)', 'Ogiltig frånvaro (dagar)'],
      [PUPILS[0], 0, 0, 10],
      [PUPILS[1], 4, 0, 6],
      [PUPILS[2], 10, 0, 0],
    ]);
    const rules = new Map(env.services.rules.listFlags(admin, round.id).map((f) => [f.pupil.personalNumber, f.rules.map((r) => r.id)]));
    expect(rules).toEqual(
      new Map([
        [PUPILS[0], ['not-returned']],
        [PUPILS[1], ['unexplained-absence']],
      ]),
    );
  });

  it('flags from a summary in minutes and percent, imported through ImportService', async () => {
    env.clock.now = new Date('2026-09-15T08:00:00Z');
    const round = await aRound().named('HT2026').build(env);
    // 10 school days; 2 400 minutes scheduled = 240 a day.
    const report = await run(round.id, [
      ['Närvarosammanställning 2026-08-18 – 2026-08-31'],
      [
        'Elevens personnummer',
        'Namn',
        'Schemalagd tid (min)',
        'Närvarande tid (min)',
        'Giltig frånvaro (min)',
        'Ogiltig frånvaro (min)',
        'Frånvaro %',
        'Vårdnadshavare pnr',
      ],
      [PUPILS[0], 'Elev Ett', '2 400', 0, 0, '2 400', '100,0', GUARDIANS[0]],
      [PUPILS[1], 'Elev Två', 2400, 1440, 0, 960, '40,0', ''],
      [PUPILS[2], 'Elev Tre', 2400, 2400, 0, 0, '0,0', ''],
      [PUPILS[3], 'Elev Fyra', 2400, 2160, 240, 0, '25,0', ''],
    ]);
    expect(report).toMatchObject({ status: 'committed', shape: 'summary', perLesson: false, headerRow: 2, pupils: 4, rows: 4, days: 0, errors: [] });
    expect(report.columns).toMatchObject({
      scheduledMinutes: 'Schemalagd tid (min)',
      attendedMinutes: 'Närvarande tid (min)',
      absencePercent: 'Frånvaro %',
      guardian1: 'Vårdnadshavare pnr',
    });
    // The percent of the fourth pupil (25 %) disagrees with the minutes (10 %): a warning, the minutes stored.
    expect(report.warnings).toEqual([{ row: 6, column: 'Frånvaro %', message: 'Procentsatsen 25 % stämmer inte med minuterna (10 %). Minuterna används.' }]);
    const db = env.db;
    expect(
      db
        .prepare(
          'SELECT scheduled_minutes, attended_minutes, valid_absence_minutes, unexplained_absence_minutes, days_present FROM roster WHERE round_id = ? ORDER BY source_row',
        )
        .all(round.id),
    ).toEqual([
      { scheduled_minutes: 2400, attended_minutes: 0, valid_absence_minutes: 0, unexplained_absence_minutes: 2400, days_present: null },
      { scheduled_minutes: 2400, attended_minutes: 1440, valid_absence_minutes: 0, unexplained_absence_minutes: 960, days_present: null },
      { scheduled_minutes: 2400, attended_minutes: 2400, valid_absence_minutes: 0, unexplained_absence_minutes: 0, days_present: null },
      { scheduled_minutes: 2400, attended_minutes: 2160, valid_absence_minutes: 240, unexplained_absence_minutes: 0, days_present: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM school_guardians').pluck().get()).toBe(1);
    const flagged = env.services.rules.listFlags(admin, round.id);
    expect(flagged.map((f) => [f.pupil.personalNumber, f.rules.map((r) => r.id)])).toEqual([
      [PUPILS[0], ['not-returned']],
      [PUPILS[1], ['unexplained-absence']],
    ]);
    expect(flagged[0]!.severity).toBe('high');
    expect(flagged[0]!.rules[0]!.explanation).toBe(
      'Har inte varit närvarande någon av de 10 skoldagarna sedan terminsstart 18 augusti 2026 (0 av 2\u00a0400 schemalagda minuter närvarande, 2\u00a0400 minuter ogiltig frånvaro).',
    );
    expect(flagged[0]!.rules[0]!.evidence).toMatchObject({ scheduledMinutes: 2400, attendedMinutes: 0, unexplainedAbsenceMinutes: 2400, unexplained: 10 });
    expect(flagged[1]!.rules[0]!.explanation).toBe(
      'Har varit frånvarande utan giltig orsak 4 dagar av 10 skoldagar sedan terminsstart 18 augusti 2026 (960 av 2\u00a0400 schemalagda minuter ogiltig frånvaro, 240 minuter per skoldag).',
    );
  });

  it('rejects a summary in minutes whose minutes add up to more than scheduled, storing nothing', async () => {
    const round = await aRound().named('HT2026').build(env);
    const report = await run(round.id, [
      ['Personnummer', 'Schemalagd tid (min)', 'Närvarande tid (min)', 'Ogiltig frånvaro (min)'],
      [PUPILS[0], 2400, 0, 2400],
      [PUPILS[1], 2400, 2000, 600],
    ]);
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'Schemalagd tid (min)',
        message:
          '”Närvarande tid (min)” och ”Ogiltig frånvaro (min)” är tillsammans 2\u00a0600 minuter, mer än den schemalagda tiden 2\u00a0400 minuter. Rätta raden.',
      },
    ]);
    expect(env.services.rules.listFlags(admin, round.id)).toEqual([]);
  });
});
