/**
 * The error Chrome gives while a stopped service worker is still starting (or was stopped between two
 * calls). One retry covers the gap; anything else is a real failure.
 */
export const isNoReceiver = (error: unknown): boolean =>
  error instanceof Error && /Receiving end does not exist|Could not establish connection/i.test(error.message);

/**
 * Also the errors of a worker stopped while it handled the message (its answer is lost, the message may
 * or may not have been applied): safe to send again only with the same request id (utils/messaging/client.ts).
 */
export const isTransientSendError = (error: unknown): boolean =>
  isNoReceiver(error) ||
  (error instanceof Error && /message (port|channel) closed before a response was received/i.test(error.message));
