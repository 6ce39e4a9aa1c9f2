import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../src/shared/roles';
import { bootstrap } from '../../src/bootstrap';
import { runCli } from '../../src/cli/run';
import { loadConfig } from '../../src/config';

/** Runs the CLI in-process on a data folder, capturing stdout, stderr and the exit code. */
async function cli(dir: string, argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: dir },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => stdin,
  });
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

describe('CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds and lists schools, one JSON document per call', async () => {
    const add = await cli(dir, ['school', 'add', '--code', '12345678', '--name', 'Testskolan', '--type', 'gymnasieskola', '--json']);
    expect(add.code).toBe(0);
    expect(add.json()).toEqual({ id: 1, code: '12345678', name: 'Testskolan', type: 'gymnasieskola', active: true });
    const list = await cli(dir, ['school', 'list', '--json']);
    expect(list.json()).toEqual({ schools: [{ id: 1, code: '12345678', name: 'Testskolan', type: 'gymnasieskola', active: true }] });
    const text = await cli(dir, ['school', 'list']);
    expect(text.out).toContain('12345678  Testskolan');
  });

  it('import of a damaged file: exits 1 with the row named, and nothing is stored', async () => {
    expect((await cli(dir, ['school', 'add', '--code', '11111111', '--name', 'Alfaskolan', '--json'])).code).toBe(0);
    const round = (await cli(dir, ['round', 'create', '--name', 'HT2026', '--break', 'summer', '--term-start', '2026-08-18', '--json'])).json();
    // Skatteverket's test numbers; a NUL byte in row 3's name.
    const file = path.join(dir, 'närvaro.csv');
    fs.writeFileSync(file, 'Personnummer;Namn;Datum;Närvaro\r\n20100101-2382;Åsa Öberg;2026-08-18;N\r\n20100218-2390;Omar R\0ahimi;2026-08-18;N\r\n');
    const r = await cli(dir, ['import', '--round', String(round.id), '--school', '11111111', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({
      status: 'rejected',
      errors: [{ row: 3, column: 'B', message: expect.stringMatching(/^Rad 3 innehåller ett otillåtet tecken \(NUL\)/) }],
    });
    const status = (await cli(dir, ['round', 'status', '--round', String(round.id), '--json'])).json();
    expect(status.schools).toEqual([
      expect.objectContaining({ school: expect.objectContaining({ code: '11111111' }), status: 'not_started', uploadedAt: null, pupils: null }),
    ]);
  });

  it('stamps every audit row of a run with that run’s own id', async () => {
    await cli(dir, ['school', 'add', '--code', '11111111', '--name', 'Alfaskolan', '--json']);
    await cli(dir, ['school', 'add', '--code', '22222222', '--name', 'Betaskolan', '--json']);
    const { services } = bootstrap(loadConfig({ NODE_ENV: 'test', SAKNAD_DATA_DIR: dir }));
    const rows = services.audit.list(systemActor('test'), { action: 'school.create' }, 1).rows;
    services.close();
    const ids = rows.map((r) => r.requestId);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^cli-[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('never seeds demo data', async () => {
    expect((await cli(dir, ['school', 'list', '--json'])).json()).toEqual({ schools: [] });
  });

  it.each([
    [['school', 'add', '--code', '1234', '--name', 'X Skola', '--json'], 'validation_failed', 'åtta siffror'],
    [
      ['user', 'add', '--email', 'a@b.test', '--name', 'A B', '--role', 'principal', '--school', '99999999', '--json'],
      'validation_failed',
      'ingen skola med skolenhetskod 99999999',
    ],
    [['user', 'add', '--email', 'a@b.test', '--name', 'A B', '--role', 'chef', '--json'], 'validation_failed', 'Okänd roll'],
    [['token', 'create', '--email', 'ingen@b.test', '--json'], 'not_found', 'ingen aktiv användare'],
  ])('rejects %j with exit 1 and a JSON error', async (argv, code, message) => {
    const r = await cli(dir, argv);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ error: { code, message: expect.stringContaining(message) } });
  });

  it.each([
    [['nonsense', '--json']],
    [['school', 'add', '--name', 'Utan kod', '--json']],
    [['school', 'add', '--code', '--json']],
    [['user', 'add', '--email', 'a@b.test', '--name', 'A B', '--json']],
  ])('treats %j as a usage error (exit 2)', async (argv) => {
    const r = await cli(dir, argv);
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ error: { code: 'usage' } });
  });

  it('adds a principal with a password from stdin, who can then get an API token', async () => {
    await cli(dir, ['school', 'add', '--code', '12345678', '--name', 'Testskolan', '--json']);
    const user = await cli(
      dir,
      ['user', 'add', '--email', 'R@B.test', '--name', 'Rektor R', '--role', 'principal', '--school', '12345678', '--password-stdin', '--json'],
      'ett-langt-losenord\n',
    );
    expect(user.code).toBe(0);
    expect(user.json()).toEqual({ id: 1, email: 'r@b.test', name: 'Rektor R', roles: ['principal'], schools: ['12345678'], hasPassword: true });
    const short = await cli(dir, ['user', 'add', '--email', 'x@b.test', '--name', 'X X', '--role', 'admin', '--password-stdin', '--json'], 'kort\n');
    expect(short.code).toBe(1);
    const token = await cli(dir, ['token', 'create', '--email', 'r@b.test', '--json']);
    expect(token.code).toBe(0);
    expect(token.json().token).toMatch(/^skn_[A-Za-z0-9_-]{40,}$/);
  });

  it('runs as a real process through npm run cli', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'school', 'add', '--code', '87654321', '--name', 'Processkolan', '--json'], {
      env: { ...process.env, SAKNAD_DATA_DIR: dir, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: '87654321', name: 'Processkolan' });
    const bad = spawnSync('npm', ['run', '--silent', 'cli', '--', 'school', 'add', '--code', 'x', '--name', 'Y Y', '--json'], {
      env: { ...process.env, SAKNAD_DATA_DIR: dir, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('validation_failed');
    expect(bad.stderr).not.toMatch(/at .*:\d+:\d+/);
  });
});
