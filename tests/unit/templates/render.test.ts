import { describe, expect, it } from 'vitest';
import { COMPOSER_LIMITS, characterCount } from '@/utils/templates/limits';
import { renderTemplate, splitName } from '@/utils/templates/render';

const values = {
  firstName: 'Anna',
  lastName: 'Berger',
  fullName: 'Anna Berger',
  handle: 'anna.berger',
  platform: 'Instagram',
  myName: 'Tom',
  signature: 'Tom — Support',
  today: '24 November 2026',
  fields: { company: 'Köln GmbH', orderNumber: '' },
};

describe('renderTemplate', () => {
  it('fills every kind of variable', () => {
    const body =
      'Hi {{firstName}} {{lastName}} ({{fullName}}, @{{handle}} on {{platform}}), {{ field:company }} — {{today}}\n{{myName}}\n{{signature}}';
    const rendered = renderTemplate(body, values);
    expect(rendered.text).toBe(
      'Hi Anna Berger (Anna Berger, @anna.berger on Instagram), Köln GmbH — 24 November 2026\nTom\nTom — Support',
    );
    expect(rendered.missing).toEqual([]);
    expect(rendered.unknown).toEqual([]);
  });

  it('uses the fallback only when there is no value', () => {
    expect(renderTemplate('Hi {{firstName|there}}!', values).text).toBe('Hi Anna!');
    expect(renderTemplate('Hi {{firstName|there}}!', {}).text).toBe('Hi there!');
    expect(renderTemplate('Order {{field:orderNumber|unknown}}', values).text).toBe('Order unknown');
  });

  it('reports variables without a value or fallback, once each, and marks them for the preview', () => {
    const rendered = renderTemplate('Hi {{firstName}}, order {{field:orderNumber}} for {{firstName}}', {});
    expect(rendered.missing).toEqual(['firstName', 'field:orderNumber']);
    expect(
      rendered.segments.filter((s) => s.kind === 'variable').map((s) => s.kind === 'variable' && s.source),
    ).toEqual(['missing', 'missing', 'missing']);
  });

  it('flags names that are no variable at all instead of inserting them', () => {
    const rendered = renderTemplate('Hi {{frstName}}', values);
    expect(rendered.unknown).toEqual(['frstName']);
    expect(rendered.text).toBe('Hi {{frstName}}');
  });

  it('leaves other braces alone', () => {
    expect(renderTemplate('a {b} {{ }} c', values)).toMatchObject({
      text: 'a {b} {{ }} c',
      missing: [],
      unknown: [''],
    });
  });
});

describe('names and limits', () => {
  it('splits display names', () => {
    expect(splitName('Anna Maria Berger')).toEqual({ firstName: 'Anna', lastName: 'Berger' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });

  it('counts what a person sees and keeps the documented limits', () => {
    expect(characterCount('Grüße 🙂👍🏽')).toBe(8);
    expect(COMPOSER_LIMITS.instagram.limit).toBe(1000);
    expect(COMPOSER_LIMITS['linkedin-connection-note'].limit).toBe(300);
  });
});
