import { z } from 'zod';

/** Rows on a page of a list (pages and, by default, the API). */
export const PAGE_SIZE = 50;
/** The most rows an API caller may ask for at once (`limit`). */
export const MAX_PAGE_SIZE = 200;

const blankIsDefault = (def: number) => (v: unknown) => (v === undefined || v === '' ? def : Number(v));

/** `page` (from 1) and `limit` (1–MAX_PAGE_SIZE) of a list's query string, with their defaults. */
export const pageQuery = {
  page: z.preprocess(blankIsDefault(1), z.number().int().min(1).max(100_000)),
  limit: z.preprocess(blankIsDefault(PAGE_SIZE), z.number().int().min(1).max(MAX_PAGE_SIZE)),
};

/** What a paged answer says besides its rows: counted in SQL, never by loading them all. */
export interface Paging {
  total: number;
  page: number;
  pages: number;
  limit: number;
}

export function paging(total: number, page: number, limit: number): Paging {
  return { total, page, pages: Math.max(1, Math.ceil(total / limit)), limit };
}

export const offsetOf = (page: number, limit: number): number => (page - 1) * limit;
