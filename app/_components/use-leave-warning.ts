"use client";

import { useEffect } from "react";

/**
 * While `unsaved` is true, leaving the page (reload, closing the tab, following an
 * ordinary link out) asks the browser's "Leave site?" question first.
 */
export function useLeaveWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers need returnValue set to show the question.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
}
