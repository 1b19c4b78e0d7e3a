/**
 * A large JSON file parsed one array element at a time. `JSON.parse` of the whole file
 * first makes one string of it, twice the file's size for Chinese text: at ten thousand
 * articles the people registry's was over half a gigabyte, and it stayed in the heap
 * until the next full collection, after loading was over. Here each element is parsed
 * from its own bytes, and its short string dies young.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

export class JsonElementsError extends Error {
  override name = 'JsonElementsError';
}

/**
 * Parses `bytes` (UTF-8 JSON) and calls `element` with each element of the arrays nested
 * `depth` containers deep (1: the top-level array's elements; 2: those of an array that
 * is a value of the top-level object), in order. Returns the rest of the document with
 * those arrays left empty (`{"version":1,"people":[]}`), parsed. Multi-byte UTF-8 never
 * holds an ASCII byte, so the structure is found by its ASCII bytes alone.
 */
export function parseJsonElements(
  bytes: Buffer,
  depth: number,
  element: (value: unknown, index: number) => void,
): unknown {
  /** For each open container, whether it is an array. */
  const stack: boolean[] = [];
  const skeleton: string[] = [];
  let copiedTo = 0;
  let inString = false;
  let start = -1;
  let count = 0;
  /** Elements of the array being read, which may be one of several at `depth`. */
  let inArray = 0;
  const emit = (end: number, closing: boolean) => {
    const text = bytes.toString('utf8', start, end).trim();
    if (text.length === 0) {
      // Only "[]" is empty; "[1,]" and "[,1]" are not JSON.
      if (closing && inArray === 0) return;
      throw new JsonElementsError('an array has an empty element');
    }
    inArray++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new JsonElementsError((err as Error).message);
    }
    element(value, count++);
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      stack.push(b === OPEN_ARRAY);
      if (stack.length === depth && b === OPEN_ARRAY) {
        skeleton.push(bytes.toString('utf8', copiedTo, i + 1));
        start = i + 1;
        inArray = 0;
      }
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      if (stack.length === depth && stack[depth - 1] === true && b === CLOSE_ARRAY) {
        emit(i, true);
        start = -1;
        copiedTo = i;
      }
      if (stack.pop() === undefined) throw new JsonElementsError('unbalanced brackets');
    } else if (b === COMMA && stack.length === depth && start >= 0) {
      emit(i, false);
      start = i + 1;
    }
  }
  if (inString || stack.length > 0) throw new JsonElementsError('unexpected end of JSON');
  skeleton.push(bytes.toString('utf8', copiedTo));
  try {
    return JSON.parse(skeleton.join(''));
  } catch (err) {
    throw new JsonElementsError((err as Error).message);
  }
}
