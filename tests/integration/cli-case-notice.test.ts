import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run';
import { PUPILS } from '../helpers/personal-numbers';
import { decodeQuotedPrintable } from '../helpers/test-env';

async function cli(dir: string, argv: string[]) {
  let out = '';
  const code = await runCli(argv, { env: { NODE_ENV: 'test', SAKNAD_DATA_DIR: dir }, stdout: (s) => (out += s), stderr: () => {}, readStdin: async () => '' });
  return { code, json: () => JSON.parse(out) as Record<string, unknown> };
}

/** A CLI import that notes a case at another school sends the notice before the process ends. */
describe('CLI import: the case notice is not lost when the process ends', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saknad-cli-notice-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('mails the coordinators once the second school’s file has the first school’s flagged pupil', async () => {
    await cli(dir, ['school', 'add', '--code', '11111111', '--name', 'Alfaskolan', '--json']);
    await cli(dir, ['school', 'add', '--code', '22222222', '--name', 'Betaskolan', '--json']);
    expect((await cli(dir, ['user', 'add', '--email', 'samordnare@test.invalid', '--name', 'Sam Ordnare', '--role', 'coordinator', '--json'])).code).toBe(0);
    const round = (await cli(dir, ['round', 'create', '--name', 'HT2026', '--break', 'summer', '--term-start', '2026-08-18', '--json'])).json();
    const file = (name: string, status: string) => {
      const f = path.join(dir, `${name}.csv`);
      fs.writeFileSync(
        f,
        `Personnummer;Namn;Datum;Närvaro\r\n${['2026-08-18', '2026-08-19', '2026-08-20'].map((d) => `${PUPILS[0]};${name};${d};${status}`).join('\r\n')}\r\n`,
      );
      return f;
    };
    expect((await cli(dir, ['import', '--round', String(round.id), '--school', '11111111', file('Amal Ek', 'O'), '--json'])).code).toBe(0);
    expect((await cli(dir, ['import', '--round', String(round.id), '--school', '22222222', file('Amira Eriksson', 'N'), '--json'])).code).toBe(0);
    // runCli has returned: whatever it sent is in the outbox now.
    const outbox = path.join(dir, 'outbox');
    const notices = fs
      .readdirSync(outbox)
      .map((f) => decodeQuotedPrintable(fs.readFileSync(path.join(outbox, f), 'utf8')))
      .filter((m) => m.includes('nya uppgifter om ett ärende'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^To: samordnare@test\.invalid$/m);
    expect(notices[0]).not.toContain('Amal');
  });
});
