"use client";

import { useEffect, useRef } from "react";

/**
 * The results heading, focused when the page opens, so keyboard and screen-reader
 * users land on the results of the search they just made.
 */
export function FocusHeading({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="outline-none">
      {children}
    </h1>
  );
}
