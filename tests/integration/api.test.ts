import request from 'supertest';
import { seedBasic, testEnv, type TestEnv } from '../helpers/test-env';

describe('JSON API base', () => {
  let env: TestEnv;
  let token: string;
  beforeAll(async () => {
    env = testEnv();
    await seedBasic(env.services);
    token = env.services.tokens.create(env.services.auth.actorForEmail('rektor@test.invalid')!, { name: 'test' }).token;
  });
  afterAll(() => env.close());

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer skn_thisisnotarealtoken'],
    ['a malformed header', 'Basic abc'],
  ])('answers 401 JSON for %s', async (_what, header) => {
    const req = request(env.app).get('/api/v1/me');
    if (header) req.set('Authorization', header);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('returns the caller’s roles and schools', async () => {
    const res = await request(env.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'rektor@test.invalid', roles: ['principal'], schools: [{ code: '11111111', name: 'Alfaskolan' }] });
  });

  it('ignores session cookies and needs no CSRF token', async () => {
    const res = await request(env.app).post('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
