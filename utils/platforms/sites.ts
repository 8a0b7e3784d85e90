/**
 * The four platforms, their hosts and their messaging routes: the one place the URL shapes live.
 * Sources: docs/platforms/<platform>.md, as of 2025–2026.
 */
export const PLATFORMS = ['instagram', 'x', 'facebook', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  instagram: 'Instagram',
  x: 'X',
  facebook: 'Messenger',
  linkedin: 'LinkedIn',
};

/**
 * Content-script match patterns (top frames). Whole sites, each for its reason (README, "Where the content
 * scripts run"): Instagram and X are single-page apps that navigate into their messages without a reload, so
 * a script matched to the messages paths would be missing after that navigation; Messenger's and LinkedIn's
 * chat windows open over any page of theirs. The adapters check the route at run time and do nothing
 * elsewhere (Instagram, X) or only look for chat windows (Facebook, LinkedIn).
 */
export const SITE_MATCHES: Record<Platform, string[]> = {
  instagram: ['https://www.instagram.com/*'],
  x: ['https://x.com/*', 'https://twitter.com/*'],
  facebook: ['https://www.facebook.com/*'],
  linkedin: ['https://www.linkedin.com/*'],
};

export const HOST_MATCHES = Object.values(SITE_MATCHES).flat();

/** The one sub-frame a content script runs in: LinkedIn's messaging interop iframe (docs/platforms/linkedin.md). */
export const LINKEDIN_INTEROP_FRAME_MATCHES = ['https://www.linkedin.com/preload/*'];

/** Where the person is, as far as the URL alone can tell. */
export type Route =
  | { kind: 'thread'; threadId: string }
  | { kind: 'inbox' }
  /** Pages that may host chat pop-ups / overlays over a non-messages page (Facebook, LinkedIn). */
  | { kind: 'other' };

const decode = (id: string) => {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

const ROUTES: Record<Platform, { thread: RegExp; inbox: RegExp }> = {
  // /direct/t/<id>/ and /direct/e2ee/t/<id>/; inbox /direct/inbox/ (also /direct/requests/)
  instagram: { thread: /^\/direct\/(?:e2ee\/)?t\/([^/?#]+)/, inbox: /^\/direct(?:\/|$)/ },
  // X Chat /i/chat/<id> and /i/chat/requests/[other/]<id>; legacy /messages/<id>.
  // Ids are <userId>-<userId> (1:1) or g<…> (groups), which keeps "requests", "compose", … out.
  x: {
    thread: /^\/(?:i\/chat\/(?:requests\/(?:other\/)?)?|messages\/)(\d+-\d+|g[\w-]+)(?:[/?#]|$)/,
    inbox: /^\/(?:i\/chat|messages)(?:\/|$)/,
  },
  // /messages/t/<id>/ and /messages/e2ee/t/<id>/ (id: thread id, profile id or vanity name)
  facebook: { thread: /^\/messages\/(?:e2ee\/)?t\/([^/?#]+)/, inbox: /^\/messages(?:\/|$)/ },
  // /messaging/thread/<id>/ (ids contain - and =, URL-encoded)
  linkedin: { thread: /^\/messaging\/thread\/([^/?#]+)/, inbox: /^\/messaging(?:\/|$)/ },
};

export function routeOf(platform: Platform, url: string | URL): Route {
  const { pathname } = typeof url === 'string' ? new URL(url) : url;
  const { thread, inbox } = ROUTES[platform];
  const threadId = thread.exec(pathname)?.[1];
  if (threadId) return { kind: 'thread', threadId: decode(threadId) };
  if (inbox.test(pathname)) return { kind: 'inbox' };
  return { kind: 'other' };
}

const INVITATION_PREFIX = 'invitation:';
/**
 * A LinkedIn invitation's note is written before any thread exists: its conversation is named by the
 * profile it invites (`invitation:<slug>`), and opens on that profile.
 */
export const invitationThreadId = (profileSlug: string) => `${INVITATION_PREFIX}${profileSlug}`;

/**
 * The thread id of a conversation seen only as a list row without a link (issue #16, utils/inbox/merge.ts):
 * its thread is unknown, so it opens on the platform's inbox.
 */
export const INBOX_ENTRY_PREFIX = 'inbox:';

/** The platform's inbox page; on LinkedIn with `name` in its search (stickerdaniel/linkedin-mcp-server PR #413). */
export function inboxUrl(platform: Platform, name?: string): string {
  switch (platform) {
    case 'instagram':
      return 'https://www.instagram.com/direct/inbox/';
    case 'x':
      return 'https://x.com/i/chat';
    case 'facebook':
      return 'https://www.facebook.com/messages/';
    case 'linkedin':
      return `https://www.linkedin.com/messaging/${name ? `?searchTerm=${encodeURIComponent(name)}` : ''}`;
  }
}

/**
 * Where a conversation opens on its platform. A LinkedIn conversation known only from its list row has no
 * thread URL (and direct thread URLs may fail there: linkedin-mcp-server#703): the messaging page searching
 * for the person's name.
 */
export function conversationUrl(platform: Platform, threadId: string, name: string): string {
  const unknownThread = threadId.startsWith(INBOX_ENTRY_PREFIX);
  return unknownThread ? inboxUrl(platform, name) : threadUrl(platform, threadId);
}

/** Where a conversation lives on its platform (the dashboard's "open" link). */
export function threadUrl(platform: Platform, threadId: string): string {
  if (threadId.startsWith(INBOX_ENTRY_PREFIX)) return inboxUrl(platform);
  if (platform === 'linkedin' && threadId.startsWith(INVITATION_PREFIX)) {
    return `https://www.linkedin.com/in/${encodeURIComponent(threadId.slice(INVITATION_PREFIX.length))}/`;
  }
  const id = encodeURIComponent(threadId);
  switch (platform) {
    case 'instagram':
      return `https://www.instagram.com/direct/t/${id}/`;
    case 'x':
      return `https://x.com/i/chat/${id}`;
    case 'facebook':
      return `https://www.facebook.com/messages/t/${id}/`;
    case 'linkedin':
      return `https://www.linkedin.com/messaging/thread/${id}/`;
  }
}
