import type { ReactNode } from 'react';

/** A section of an extension page: a heading that names it for screen readers, a line on what it is for. */
export function PageSection(props: {
  id: string;
  title: string;
  intro: string;
  /** Layout of the section (flex column with a gap, maybe a width). */
  className: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className={props.className}>
      <h2 id={props.id} className="text-lg font-semibold">
        {props.title}
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{props.intro}</p>
      {props.children}
    </section>
  );
}
