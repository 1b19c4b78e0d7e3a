/** corpus/people.json: the hand-checked list of people, read and validated. */
import path from 'node:path';
import { readOptionalJson } from '../corpus/curated-file.js';
import { z } from 'zod';
import type { CuratedPerson } from './types.js';

export const PEOPLE_FILE = 'people.json';

const CuratedPersonSchema = z
  .object({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    role: z.string().min(1),
    subject: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

const CuratedFileSchema = z.array(CuratedPersonSchema);

/** Wrong or inconsistent people data; the message says what to fix. */
export class PeopleDataError extends Error {
  override name = 'PeopleDataError';
}

export function parseCuratedPeople(json: unknown, where = PEOPLE_FILE): CuratedPerson[] {
  const parsed = CuratedFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new PeopleDataError(`${where}: ${issues.join('; ')}`);
  }
  return parsed.data.map((p) => ({
    name: p.name,
    aliases: p.aliases,
    role: p.role,
    ...(p.subject !== undefined && { subject: p.subject }),
    ...(p.note !== undefined && { note: p.note }),
  }));
}

/** The curated people of a corpus folder; none when it has no people.json. */
export async function loadCuratedPeople(corpusDir: string): Promise<CuratedPerson[]> {
  const file = path.join(corpusDir, PEOPLE_FILE);
  const json = await readOptionalJson(file, (m) => new PeopleDataError(m));
  if (json === undefined) return [];
  return parseCuratedPeople(json, file);
}
