import type request from 'supertest';
import { csrfFrom } from './test-env';

type Agent = ReturnType<typeof request.agent>;

/**
 * The web upload as a browser without JavaScript does it (Post/Redirect/Get): the form's
 * `_csrf` field before the file, never in the URL. Answers the POST (303 to the pending
 * preview, or the form again with errors).
 */
export async function postUpload(agent: Agent, basePath: string, file: Buffer, name: string): Promise<request.Response> {
  const page = await agent.get(basePath);
  return agent.post(basePath).field('_csrf', csrfFrom(page.text)).attach('file', file, name);
}

/** GETs a pending preview until it is read (its status page polls meanwhile); the page then shows the preview. */
export async function showPreview(agent: Agent, previewPath: string, timeoutMs = 20_000): Promise<request.Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await agent.get(previewPath);
    if (!res.text.includes('data-poll=') || Date.now() > until) return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Upload, follow the 303 to the preview, and wait until it is read: what the user sees next. */
export async function uploadAndPreview(
  agent: Agent,
  basePath: string,
  file: Buffer,
  name: string,
): Promise<{ post: request.Response; page: request.Response; previewPath: string }> {
  const post = await postUpload(agent, basePath, file, name);
  if (post.status !== 303) return { post, page: post, previewPath: '' };
  const previewPath = post.headers.location as string;
  return { post, page: await showPreview(agent, previewPath), previewPath };
}

/** POSTs one of the preview's forms (action `${previewPath}/${step}`) with the page's CSRF token. */
export function postStep(agent: Agent, previewPath: string, step: string, fromPage: string, fields: Record<string, string> = {}): Promise<request.Response> {
  return agent
    .post(`${previewPath}/${step}`)
    .type('form')
    .send({ _csrf: csrfFrom(fromPage), ...fields });
}
