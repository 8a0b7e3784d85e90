/**
 * Thread binding: whether what the page renders already belongs to the thread the URL (or a window's
 * link) names. In a single-page app the URL changes first and the previous conversation stays on screen
 * for a moment. What changes for certain on a switch is the conversation's identity: the person shown
 * and the messages listed. The composer element and the list container may stay mounted across
 * conversations (X Chat keeps its composer), so they are never required to change.
 */

/** What identifies the conversation on screen, independent of the URL. */
export interface RenderedConversation {
  /** Who is shown (handle, profile link or name); null while no header is readable. */
  identity: string | null;
  /**
   * What the message list shows, independent of the thread id (digests of the newest rows); a new
   * conversation's list shares none of them. Empty for an empty list.
   */
  listKeys: readonly string[];
  /** The list's node: a re-rendered list counts as changed even when it shows alike rows. */
  listNode: Node | null;
}

/**
 * One per surface. `settle` is called on every read; once the rendered conversation moved on from the
 * one bound before (another person and another list), the new thread is bound. A URL replaced in place
 * (the same history entry, see `historyKeyOf`) with the same person is the site rewriting its own URL
 * for the same conversation (Facebook: profile id → thread id): the new id is bound at once and the old
 * one stays an alias of it, so an insert asked for under the old id still lands.
 */
export class ThreadBinding {
  private bound: {
    threadId: string;
    aliases: Set<string>;
    rendered: RenderedConversation;
    keys: Set<string>;
    historyKey?: string;
  } | null = null;

  /** True when `rendered` belongs to `threadId` (which is then the bound thread). */
  settle(threadId: string, rendered: RenderedConversation, historyKey?: string): boolean {
    const bound = this.bound;
    const bind = (aliases: Set<string>) => {
      this.bound = { threadId, aliases, rendered, keys: new Set(rendered.listKeys), historyKey };
      return true;
    };
    if (!bound || bound.threadId === threadId) return bind(bound?.aliases ?? new Set([threadId]));
    const samePerson = rendered.identity !== null && rendered.identity === bound.rendered.identity;
    if (samePerson && historyKey !== undefined && historyKey === bound.historyKey) {
      return bind(bound.aliases.add(threadId));
    }
    const personMoved = rendered.identity !== null && !samePerson;
    const listMoved =
      (rendered.listNode !== null && rendered.listNode !== bound.rendered.listNode) ||
      rendered.listKeys.every((key) => !bound.keys.has(key));
    return personMoved && listMoved ? bind(new Set([threadId])) : false;
  }

  /** Whether `threadId` names the bound conversation (itself or a URL it was rewritten from). */
  isSettled(threadId: string): boolean {
    return this.bound?.aliases.has(threadId) ?? false;
  }
}
