/** Dispatch domain: issue states, outcomes, the transition table, and dispatch rules. */
export * from "./states";
export * from "./outcomes";
export * from "./machine";
export * from "./dispatch-once";
export * from "./readiness";
export { fieldErrorsOf, type FieldErrorDetails } from "./validation";
