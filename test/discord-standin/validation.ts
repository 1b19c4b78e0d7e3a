import type { FormErrorTree } from './errors.js';

type Path = (string | number)[];

/**
 * Collects field errors at JSON paths and renders Discord's nested `_errors` tree, so a payload that
 * production Discord would refuse is refused here too, with the same shape of answer.
 */
export class FormErrors {
  private readonly tree: FormErrorTree = {};
  private count = 0;

  add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const existing = node[String(key)];
      const child: FormErrorTree = existing && !Array.isArray(existing) ? existing : {};
      node[String(key)] = child;
      node = child;
    }
    const list = node._errors;
    if (Array.isArray(list)) list.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  maxLength(path: Path, value: unknown, max: number): void {
    if (typeof value === 'string' && [...value].length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  lengthBetween(path: Path, value: unknown, min: number, max: number): void {
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    const length = [...value].length;
    if (length < min || length > max) {
      this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    }
  }

  maxItems(path: Path, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  get empty(): boolean {
    return this.count === 0;
  }

  get errors(): FormErrorTree {
    return this.tree;
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const IS_COMPONENTS_V2 = 1 << 15;

/** Limits Discord enforces on a message body (create, edit, webhook and interaction responses). */
export function validateMessageBody(body: Record<string, unknown>, errors: FormErrors): void {
  errors.maxLength(['content'], body.content, 2000);

  const embeds = list(body.embeds);
  errors.maxItems(['embeds'], body.embeds, 10);
  let embedChars = 0;
  embeds.forEach((raw, i) => {
    const embed = record(raw);
    errors.maxLength(['embeds', i, 'title'], embed.title, 256);
    errors.maxLength(['embeds', i, 'description'], embed.description, 4096);
    errors.maxItems(['embeds', i, 'fields'], embed.fields, 25);
    const footer = record(embed.footer);
    const author = record(embed.author);
    errors.maxLength(['embeds', i, 'footer', 'text'], footer.text, 2048);
    errors.maxLength(['embeds', i, 'author', 'name'], author.name, 256);
    list(embed.fields).forEach((rawField, j) => {
      const field = record(rawField);
      errors.lengthBetween(['embeds', i, 'fields', j, 'name'], field.name, 1, 256);
      errors.lengthBetween(['embeds', i, 'fields', j, 'value'], field.value, 1, 1024);
      embedChars += textLength(field.name) + textLength(field.value);
    });
    embedChars +=
      textLength(embed.title) +
      textLength(embed.description) +
      textLength(footer.text) +
      textLength(author.name);
  });
  if (embedChars > 6000) {
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }

  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if ((flags & IS_COMPONENTS_V2) === 0) validateActionRows(body.components, errors);

  const allowed = record(body.allowed_mentions);
  const parse = list(allowed.parse);
  parse.forEach((value, i) => {
    if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
      errors.add(
        ['allowed_mentions', 'parse', i],
        'BASE_TYPE_CHOICES',
        `Value must be one of {'users', 'roles', 'everyone'}.`,
      );
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && Array.isArray(allowed[kind])) {
      errors.add(
        ['allowed_mentions'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}

function validateActionRows(components: unknown, errors: FormErrors): void {
  errors.maxItems(['components'], components, 5);
  list(components).forEach((rawRow, i) => {
    const row = record(rawRow);
    if (row.type !== 1) {
      errors.add(
        ['components', i, 'type'],
        'UNION_TYPE_CHOICES',
        'Value of field "type" must be one of (1,).',
      );
      return;
    }
    const children = list(row.components);
    if (children.length < 1 || children.length > 5) {
      errors.add(
        ['components', i, 'components'],
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 5 in length.',
      );
    }
    children.forEach((rawChild, j) => {
      const child = record(rawChild);
      const path = ['components', i, 'components', j];
      if (child.type === 2) {
        errors.maxLength([...path, 'label'], child.label, 80);
        if (child.style === 5) {
          if (typeof child.url !== 'string')
            errors.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        } else if (child.style !== 6) {
          errors.lengthBetween([...path, 'custom_id'], child.custom_id, 1, 100);
        }
      } else if (child.type === 3) {
        errors.lengthBetween([...path, 'custom_id'], child.custom_id, 1, 100);
        const options = list(child.options);
        if (options.length < 1 || options.length > 25) {
          errors.add(
            [...path, 'options'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 25 in length.',
          );
        }
      }
    });
  });
}

/** Autocomplete results: at most 25 choices, names 1–100 characters, string values up to 100. */
export function validateChoices(
  choices: unknown,
  errors: FormErrors,
  path: Path = ['choices'],
): void {
  errors.maxItems(path, choices, 25);
  list(choices).forEach((raw, i) => {
    const choice = record(raw);
    errors.lengthBetween([...path, i, 'name'], choice.name, 1, 100);
    if (typeof choice.value === 'string')
      errors.maxLength([...path, i, 'value'], choice.value, 100);
    else if (typeof choice.value !== 'number') {
      errors.add([...path, i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  });
}

// Discord's documented pattern for command and option names; chat-input names must also be lowercase.
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const CHAT_INPUT = 1;

function validateName(path: Path, name: unknown, errors: FormErrors, lowercase: boolean): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  } else if (lowercase && name !== name.toLowerCase()) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function validateOptions(options: unknown, path: Path, errors: FormErrors): void {
  errors.maxItems(path, options, 25);
  let sawOptional = false;
  const names = new Set<string>();
  list(options).forEach((raw, i) => {
    const option = record(raw);
    validateName([...path, i, 'name'], option.name, errors, true);
    errors.lengthBetween([...path, i, 'description'], option.description, 1, 100);
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        errors.add(
          [...path, i, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      names.add(option.name);
    }
    const isSub = option.type === 1 || option.type === 2;
    if (!isSub) {
      if (option.required === true && sawOptional) {
        errors.add(
          [...path, i, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
      if (option.required !== true) sawOptional = true;
    }
    if (
      option.autocomplete === true &&
      Array.isArray(option.choices) &&
      option.choices.length > 0
    ) {
      errors.add(
        [...path, i, 'autocomplete'],
        'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID',
        'Autocomplete cannot be set if choices are present',
      );
    }
    if (option.choices !== undefined)
      validateChoices(option.choices, errors, [...path, i, 'choices']);
    if (isSub) validateOptions(option.options, [...path, i, 'options'], errors);
  });
}

/** Body of a command create / bulk overwrite, checked against the limits Discord documents. */
/** User and message commands (the context menu) may use capitals and spaces. */
const MENU_COMMAND_NAME = /^(?=.*\S).{1,32}$/u;

export function validateCommand(raw: unknown, path: Path, errors: FormErrors): void {
  const command = record(raw);
  const type = command.type ?? CHAT_INPUT;
  if (type === CHAT_INPUT) validateName([...path, 'name'], command.name, errors, true);
  else if (typeof command.name !== 'string' || !MENU_COMMAND_NAME.test(command.name))
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  if (type !== CHAT_INPUT && typeof command.description === 'string' && command.description !== '')
    errors.add(
      [...path, 'description'],
      'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have description',
    );
  if (type === CHAT_INPUT) {
    errors.lengthBetween([...path, 'description'], command.description, 1, 100);
  }
  validateOptions(command.options, [...path, 'options'], errors);
}
