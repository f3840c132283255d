/** Rules a new password must meet. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Why a new password is refused, or null when it is acceptable. `isCommon`
 * looks the password up in a list of passwords seen in breaches.
 */
export function passwordProblem(
  password: string,
  context: { email: string; isCommon: (password: string) => boolean },
): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Use at most ${PASSWORD_MAX_LENGTH} characters for the password.`;
  }
  if (new Set(password).size === 1) {
    return "This password repeats one character. Choose one that is harder to guess.";
  }
  const lower = password.toLowerCase();
  if (context.isCommon(password) || context.isCommon(lower)) {
    return "This password is on a list of common passwords that attackers try first. Choose another.";
  }
  const local = context.email.toLowerCase().split("@")[0] ?? "";
  if (lower === context.email.toLowerCase() || (local.length >= 4 && lower === local)) {
    return "Do not use your e-mail address as the password.";
  }
  return null;
}
