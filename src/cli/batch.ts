/**
 * One line of `ask --json --batch`: whatever the line holds, exactly one output
 * object comes back, carrying the input's line number (and id when it had one).
 */
import { z } from 'zod';
import type { Engine } from '../answers/types.js';
import { ExpectedError } from '../errors.js';
import { replyToJson } from '../render/json.js';

const Id = z.union([z.string(), z.number()]);
const BatchLine = z.object({
  id: Id.optional(),
  q: z.string(),
  /** Previous questions, oldest first: q may follow up on them. */
  context: z.array(z.string()).optional(),
  /** An article id: q is answered from that article alone. */
  article: z.string().optional(),
});

type Out = Record<string, unknown>;

/** One input line to one output object; `ok` is false for an error line. */
export async function answerBatchLine(
  engine: Pick<Engine, 'reply'>,
  raw: string,
  line: number,
  /** The article every line is asked of unless it names its own. */
  article?: string,
): Promise<{ ok: boolean; out: Out }> {
  const fail = (error: string, id?: unknown): { ok: false; out: Out } => ({
    ok: false,
    out: { line, ...(Id.safeParse(id).success && { id }), error },
  });
  if (raw.trim() === '') return fail('empty line: expected {"q": "…"}');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return fail(`not JSON: ${(err as Error).message}`);
  }
  const id = (json as { id?: unknown } | null)?.id;
  const parsed = BatchLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      `expected {"id"?: string | number, "q": string}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? ''}`,
      id,
    );
  }
  try {
    // Summary and help requests and greetings too, told apart by `kind`, as for one question.
    const doc = parsed.data.article ?? article;
    const out = replyToJson(
      await engine.reply(parsed.data.q, undefined, {
        context: parsed.data.context ?? [],
        ...(doc !== undefined && { doc }),
      }),
      parsed.data.q,
      parsed.data.id === undefined ? undefined : String(parsed.data.id),
    );
    // Pass the caller's id through exactly as given.
    return {
      ok: true,
      out: { line, ...out, ...(parsed.data.id !== undefined && { id: parsed.data.id }) },
    };
  } catch (err) {
    return fail(
      err instanceof ExpectedError ? err.message : `failed: ${(err as Error).message}`,
      id,
    );
  }
}
