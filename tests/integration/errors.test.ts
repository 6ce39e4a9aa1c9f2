import request from 'supertest';
import { createApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { testEnv } from '../helpers/test-env';

describe('error handling', () => {
  it('shows a Swedish 404 page', async () => {
    const env = testEnv();
    const res = await request(env.app).get('/finns-inte');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Sidan finns inte');
    env.close();
  });

  // A real failure: the database closes under the running app.
  async function failingRequest(nodeEnv: 'production' | 'development') {
    const env = testEnv();
    const config = loadConfig({ NODE_ENV: nodeEnv, SAKNAD_DATA_DIR: env.dir, SAKNAD_SESSION_SECRET: 's'.repeat(40), SAKNAD_LOG_LEVEL: 'silent' });
    const { services } = bootstrap(config);
    const app = createApp(services);
    services.close();
    const page = await request(app).get('/login');
    const api = await request(app).get('/api/v1/me').set('Authorization', 'Bearer skn_x');
    env.close();
    return { page, api };
  }

  it('hides the stack in production and gives a request id', async () => {
    const { page, api } = await failingRequest('production');
    expect(page.status).toBe(500);
    expect(page.text).toContain('Något gick fel');
    expect(page.text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(page.text).not.toContain('Stack');
    expect(page.text).toContain(page.headers['x-request-id']);
    expect(api.status).toBe(500);
    expect(api.body.error).toMatchObject({ code: 'internal_error', message: 'Ett oväntat fel uppstod.' });
    expect(JSON.stringify(api.body)).not.toMatch(/\.ts:\d+/);
  });

  it('shows the stack to developers outside production', async () => {
    const { page } = await failingRequest('development');
    expect(page.status).toBe(500);
    expect(page.text).toMatch(/at .*\.(ts|js):\d+/);
  });
});
