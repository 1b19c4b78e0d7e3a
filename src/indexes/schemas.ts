/**
 * The shapes of a build's JSON files, checked on load. A file that parses as JSON
 * but has the wrong shape would otherwise surface as a TypeError deep inside a
 * question; checked here, it is a broken build that names its file.
 */
import { z } from 'zod';
import type { Passage } from '../corpus/types.js';
import { isCount, isCounts } from '../guards.js';
import { PEOPLE_FILE_VERSION, type StoredPerson } from './people-file.js';

const nat = z.number().int().nonnegative();

export const PassageSchema = z
  .object({
    id: nat,
    doc: z.string(),
    section: z.string().nullable(),
    kind: z.enum(['paragraph', 'caption', 'masthead']),
    tags: z.array(z.enum(['caption', 'masthead'])),
    paragraphs: z.array(nat),
    paragraphStarts: z.array(nat),
    text: z.string().min(1),
    start: nat,
    end: nat,
  })
  .refine((p) => p.paragraphs.length === p.paragraphStarts.length, {
    message: 'paragraphs and paragraphStarts differ in length',
  }) satisfies z.ZodType<Passage>;

export const PassagesSchema = z.array(PassageSchema);

/**
 * What `PassageSchema` accepts, checked by hand and never more loosely: zod took about
 * a second over the 250,000 passages of a 10,000-article index. The loader runs the
 * schema on what this refuses, for its account of what is wrong.
 */
export function isPassage(v: unknown): v is Passage {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    isCount(p.id) &&
    typeof p.doc === 'string' &&
    (p.section === null || typeof p.section === 'string') &&
    (p.kind === 'paragraph' || p.kind === 'caption' || p.kind === 'masthead') &&
    Array.isArray(p.tags) &&
    p.tags.every((t) => t === 'caption' || t === 'masthead') &&
    isCounts(p.paragraphs) &&
    isCounts(p.paragraphStarts) &&
    p.paragraphs.length === p.paragraphStarts.length &&
    typeof p.text === 'string' &&
    p.text.length > 0 &&
    isCount(p.start) &&
    isCount(p.end)
  );
}

/** Whole numbers, checked in one loop: zod's per-element checks cost seconds over millions of mentions. */
const wholeNumbers = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((n) => Number.isInteger(n)),
  { message: 'expected an array of whole numbers' },
);

export const StoredPersonSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()),
  role: z.string(),
  roleQuoted: z.boolean(),
  roleAt: z.object({ doc: z.string(), paragraph: nat }).nullable(),
  source: z.enum(['curated', 'metadata', 'detected']),
  subject: z.boolean().optional(),
  forms: z.array(z.string()),
  mentionCount: nat,
  mentions: wholeNumbers,
  names: z.array(z.array(z.string())),
  texts: z.array(z.string()).optional(),
  captions: z.array(nat).optional(),
}) satisfies z.ZodType<StoredPerson>;

/** The registry without its people, which the loader checks one at a time. */
export const PeopleTopSchema = z.object({
  version: z.literal(PEOPLE_FILE_VERSION),
  people: z.array(z.unknown()),
});
