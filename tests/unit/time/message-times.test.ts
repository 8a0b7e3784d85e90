import { describe, expect, it } from 'vitest';
import { messageTimes } from '@/utils/time/message-times';

const MIN = 60_000;
const local = (day: number, hh: number, mm: number) => new Date(2026, 2, day, hh, mm).getTime();
/** Thursday, 5 March 2026, 9:00 local: the inbox is opened. */
const NOW = local(5, 9, 0);
const labels = (...timeLabels: (string | undefined)[]) =>
  timeLabels.map((timeLabel) => (timeLabel === undefined ? {} : { timeLabel }));
const page = (at: number) => ({ at, source: 'page' });
const observed = (at: number) => ({ at, source: 'observed' });

describe('messageTimes', () => {
  it('carries a group label over the messages below it on the first sight (LinkedIn: day heading and group time)', () => {
    const times = messageTimes({
      messages: labels('Yesterday 11:10 PM', undefined, undefined, 'Today 8:40 AM', undefined),
      language: 'en',
      now: NOW,
      firstNew: 0,
    });
    expect(times).toEqual([
      page(local(4, 23, 10)),
      page(local(4, 23, 10)),
      page(local(4, 23, 10)),
      page(local(5, 8, 40)),
      page(local(5, 8, 40)),
    ]);
  });

  it('reads the labels in the page language: day and month order, words', () => {
    const [en] = messageTimes({ messages: labels('3/2/26, 10:00'), language: 'en', now: NOW, firstNew: 0 });
    const [fr] = messageTimes({ messages: labels('3/2/26, 10:00'), language: 'fr', now: NOW, firstNew: 0 });
    const [de] = messageTimes({ messages: labels('Gestern, 23:10'), language: 'de', now: NOW, firstNew: 0 });
    expect([en, fr, de]).toEqual([
      page(new Date(2026, 2, 2, 10, 0).getTime()),
      page(new Date(2026, 1, 3, 10, 0).getTime()),
      page(local(4, 23, 10)),
    ]);
  });

  it('times a new message under a label already shown when it is first seen; one under a new label by that label', () => {
    const times = messageTimes({
      messages: labels('7:30 AM', undefined, '8:45 AM'),
      language: 'en',
      now: NOW,
      firstNew: 1,
    });
    expect(times).toEqual([page(local(5, 7, 30)), observed(NOW), page(local(5, 8, 45))]);
  });

  it('moves a label that would lie ahead of now back by its granularity: a day, a week, a year', () => {
    const times = messageTimes({
      messages: labels('11:50 PM', 'Thu 10:00 AM', 'Mar 9, 2:00 PM'),
      language: 'en',
      now: NOW,
      firstNew: 0,
    });
    expect(times).toEqual([
      page(local(4, 23, 50)),
      page(new Date(2026, 1, 26, 10, 0).getTime()),
      page(new Date(2025, 2, 9, 14, 0).getTime()),
    ]);
  });

  it('takes a coarse label (a day, "3h") as a bound, not a time: at least that old, marked observed', () => {
    const times = messageTimes({
      messages: labels('3h', 'Gestern', 'Mo.'),
      language: 'de',
      now: NOW,
      firstNew: 0,
    });
    expect(times).toEqual([
      observed(NOW - 180 * MIN),
      observed(local(5, 0, 0) - 1), // the end of yesterday
      observed(local(3, 0, 0) - 1), // the end of Monday, 2 March
    ]);
  });

  it('never guesses: an unreadable label is the time the message was first seen', () => {
    const unreadable = ['soon', '25:99', '13:05 PM', 'x'.repeat(10_000), '\u202e\u200f', '30/02/2026 10:00'];
    const times = messageTimes({ messages: labels(...unreadable), language: 'en', now: NOW, firstNew: 0 });
    expect(times).toEqual(unreadable.map(() => observed(NOW)));
  });
});
