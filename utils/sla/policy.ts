import type { SidekickDatabase } from '../db/database';
import { readSettings } from '../db/operations';
import { type Conversation, DEFAULT_SETTINGS, type Settings, type SlaPolicy, type Tag } from '../db/schema';
import { type SlaClock, slaClock } from './clock';

/** Where a conversation's SLA policy came from (the UI can say "from tag VIP"). */
export type PolicySource = 'conversation' | 'tag' | 'platform' | 'default';

export type ResolvedPolicy = { policy: SlaPolicy; source: PolicySource; tagId?: string };

/**
 * The policy that applies to a conversation, first match wins:
 * 1. the conversation's own `slaPolicyId`;
 * 2. the first of its tags (in the conversation's tag order) that carries a policy;
 * 3. the platform's default (`settings.platformSlaPolicies`);
 * 4. `settings.defaultSlaPolicyId`.
 * An id that names no existing policy (deleted since) is skipped. Should even the default be missing,
 * the first policy in the settings, then the built-in default, is used: there is always a policy.
 */
export function resolvePolicy(
  conversation: Pick<Conversation, 'slaPolicyId' | 'tags' | 'platform'>,
  tags: ReadonlyMap<string, Pick<Tag, 'id' | 'slaPolicyId'>>,
  settings: Pick<Settings, 'slaPolicies' | 'defaultSlaPolicyId' | 'platformSlaPolicies'>,
): ResolvedPolicy {
  const byId = (id: string | undefined) =>
    id === undefined ? undefined : settings.slaPolicies.find((policy) => policy.id === id);

  const own = byId(conversation.slaPolicyId);
  if (own) return { policy: own, source: 'conversation' };
  for (const tagId of conversation.tags) {
    const policy = byId(tags.get(tagId)?.slaPolicyId);
    if (policy) return { policy, source: 'tag', tagId };
  }
  const platform = byId(settings.platformSlaPolicies?.[conversation.platform]);
  if (platform) return { policy: platform, source: 'platform' };
  const fallback =
    byId(settings.defaultSlaPolicyId) ??
    settings.slaPolicies[0] ??
    DEFAULT_SETTINGS.slaPolicies.find((policy) => policy.id === DEFAULT_SETTINGS.defaultSlaPolicyId);
  if (!fallback) throw new Error('DEFAULT_SETTINGS has no default SLA policy');
  return { policy: fallback, source: 'default' };
}

/** A conversation's wait under the policy that applies to it, through the settings' business hours. */
export function conversationClock(
  conversation: Pick<Conversation, 'slaPolicyId' | 'tags' | 'platform'>,
  tags: ReadonlyMap<string, Pick<Tag, 'id' | 'slaPolicyId'>>,
  settings: Pick<Settings, 'slaPolicies' | 'defaultSlaPolicyId' | 'platformSlaPolicies' | 'businessHours'>,
  waitingSince: number,
  now: number,
): { policy: SlaPolicy; clock: SlaClock } {
  const { policy } = resolvePolicy(conversation, tags, settings);
  return { policy, clock: slaClock({ policy, businessHours: settings.businessHours, waitingSince, now }) };
}

/** What resolving policies and running clocks needs from the database: settings and tags (both small). */
export type PolicyContext = { settings: Settings; tags: ReadonlyMap<string, Tag> };

export async function loadPolicyContext(db: SidekickDatabase): Promise<PolicyContext> {
  const [settings, tags] = await Promise.all([readSettings(db), db.tags.toArray()]);
  return { settings, tags: new Map(tags.map((tag) => [tag.id, tag])) };
}
