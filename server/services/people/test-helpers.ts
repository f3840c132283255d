/** Kept for existing imports: the people fixtures live in `test-fixtures.ts`. */
export { markVerified } from "./test-fixtures";
