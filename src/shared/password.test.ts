import { PasswordHasher } from './password';

const cheap = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });
const strong = new PasswordHasher({ N: 2 ** 15, r: 8, p: 1 });

describe('PasswordHasher', () => {
  it('stores the cost it hashed with in the hash', async () => {
    expect((await cheap.hash('ett-testlosenord-2026')).split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect((await strong.hash('ett-testlosenord-2026')).split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
  });

  // Verification reads the parameters from the stored hash, not from its own cost.
  it.each([
    ['a cheap hash checked by the strong hasher', cheap, strong],
    ['a strong hash checked by the cheap hasher', strong, cheap],
  ])('verifies %s', async (_label, maker, checker) => {
    const stored = await maker.hash('ett-testlosenord-2026');
    await expect(checker.verify('ett-testlosenord-2026', stored)).resolves.toBe(true);
    await expect(checker.verify('ett-annat-losenord-2026', stored)).resolves.toBe(false);
  });

  it.each([[null], ['bcrypt$x$y'], ['scrypt$1024$8$1$$']])('refuses %j', async (stored) => {
    await expect(cheap.verify('ett-testlosenord-2026', stored)).resolves.toBe(false);
  });
});
