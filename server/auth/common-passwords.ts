import commonPasswords from "fxa-common-password-list";

/** Whether a password is on Mozilla's list of common passwords (fxa-common-password-list). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password);
}
