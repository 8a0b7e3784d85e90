/**
 * The error Chrome gives while a stopped service worker is still starting (or was stopped between two
 * calls). One retry covers the gap; anything else is a real failure.
 */
export const isNoReceiver = (error: unknown): boolean =>
  error instanceof Error && /Receiving end does not exist|Could not establish connection/i.test(error.message);
