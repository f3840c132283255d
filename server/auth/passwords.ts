import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/**
 * A hash of a random password, compared against when no account matches, so an
 * unknown e-mail takes as long to refuse as a wrong password.
 */
let dummyHash: Promise<string> | null = null;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= bcrypt.hash(randomBytes(24).toString("base64url"), COST);
  return dummyHash.then((h) => bcrypt.compare(password, h)).then(() => false);
}
