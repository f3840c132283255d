/**
 * The building blocks every input schema is made of: ids, text, dates, cursors,
 * URL segments, and the one flattener of zod errors. Routers, services and pages
 * validate with these, so a malformed value is a clear 4xx, never a 500.
 */
export * from "./cursor";
export * from "./dates";
export * from "./field-errors";
export * from "./ids";
export * from "./segments";
export * from "./text";
