/** A field-level error in Discord's "Invalid Form Body" shape: `{ field: { _errors: [{ code, message }] } }`. */
export interface FormErrorTree {
  [key: string]: FormErrorTree | { code: string; message: string }[];
}

/** An error the REST API answers with; the body mirrors Discord's `{ code, message, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: FormErrorTree,
  ) {
    super(message);
  }

  toJSON(): { code: number; message: string; errors?: FormErrorTree } {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }
}

// Codes and messages as Discord documents them (JSON error codes), so bot code that branches on
// DiscordAPIError#code behaves as it would in production.
export const unauthorized = () => new ApiError(401, 0, '401: Unauthorized');
export const notFound = () => new ApiError(404, 0, '404: Not Found');
export const methodNotAllowed = () => new ApiError(405, 0, '405: Method Not Allowed');
export const unknownChannel = () => new ApiError(404, 10003, 'Unknown Channel');
export const unknownGuild = () => new ApiError(404, 10004, 'Unknown Guild');
export const unknownMember = () => new ApiError(404, 10007, 'Unknown Member');
export const unknownMessage = () => new ApiError(404, 10008, 'Unknown Message');
export const unknownUser = () => new ApiError(404, 10013, 'Unknown User');
export const unknownWebhook = () => new ApiError(404, 10015, 'Unknown Webhook');
export const unknownApplication = () => new ApiError(404, 10002, 'Unknown Application');
export const unknownCommand = () => new ApiError(404, 10063, 'Unknown application command');
export const unknownInteraction = () => new ApiError(404, 10062, 'Unknown interaction');
export const alreadyAcknowledged = () =>
  new ApiError(400, 40060, 'Interaction has already been acknowledged.');
export const emptyMessage = () => new ApiError(400, 50006, 'Cannot send an empty message');
export const cannotEditOthersMessage = () =>
  new ApiError(403, 50005, 'Cannot edit a message authored by another user');
export const missingPermissions = () => new ApiError(403, 50013, 'Missing Permissions');
export const invalidFormBody = (errors: FormErrorTree) =>
  new ApiError(400, 50035, 'Invalid Form Body', errors);
export const wrongChannelType = () =>
  new ApiError(400, 50024, 'Cannot execute action on this channel type');
export const threadAlreadyCreated = () =>
  new ApiError(400, 160004, 'A thread has already been created for this message');
