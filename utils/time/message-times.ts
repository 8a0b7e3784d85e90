import type { TimeSource } from '../db/schema';
import type { SeenMessage } from '../platforms/types';
import { latestInstant, parseTimeLabel } from './labels';

/**
 * When each reported message was written: its page time where the page's label pins the minute, else
 * when it was first seen (`now`), or earlier when a coarse label ("Mon", "3h") bounds it. Pure.
 *
 * Labels head groups: a site shows one label ("Thu 6:14 PM") above several messages, and adapters
 * pass it on to each; a message without one inherits the label above it here. That label is the time
 * of the message it heads. For the messages below it, it is only a lower bound: on the first sight of
 * a conversation it is still the best there is (they came at or right after it), but a message that
 * arrives while we watch, under a label already shown above it, came when we first saw it.
 */

export type MessageTime = { at: number; source: TimeSource };

export type MessageTimesInput = {
  messages: readonly Pick<SeenMessage, 'timeLabel'>[];
  /** The page's language (`<html lang>`), for reading the labels. */
  language: string;
  /** When the report was read: the first-seen time of the messages that are new in it. */
  now: number;
  /** Index of the first message not seen before (0 on the first sight of the conversation). */
  firstNew: number;
};

export function messageTimes({ messages, language, now, firstNew }: MessageTimesInput): MessageTime[] {
  const observed: MessageTime = { at: now, source: 'observed' };
  const firstSight = firstNew === 0;
  const headed = new Set<string>();
  let carried: string | undefined;
  return messages.map((message) => {
    const label = message.timeLabel?.trim() || carried;
    carried = label;
    if (label === undefined) return observed;
    const heads = !headed.has(label);
    headed.add(label);
    if (!heads && !firstSight) return observed;
    const parsed = parseTimeLabel(label, { language, now });
    if (parsed.kind === 'unknown') return observed;
    if (parsed.precision === 'minute') return { at: Math.min(parsed.at, now), source: 'page' };
    return { at: Math.min(latestInstant(parsed), now), source: 'observed' };
  });
}
