import type { Response } from 'express';

/** Every API error has one shape: { "error": { "code", "message" } }, message in Swedish. */
export function apiError(res: Response, status: number, code: string, message: string, requestId?: string): void {
  res.status(status).json({ error: { code, message, ...(requestId ? { requestId } : {}) } });
}
