package dev.exchangesync;

/** Whose identity a token carries, which decides the kind of permission Graph checks. */
public enum IdentityKind {
  /** A signed-in user (delegated permission, plus the user's Intune role). */
  DELEGATED,
  /** An application on its own (application permission granted with admin consent). */
  APPLICATION,
  /** Not known to the token source. */
  UNKNOWN
}
