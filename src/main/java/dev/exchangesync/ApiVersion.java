package dev.exchangesync;

/** The Graph API version requests go to. */
public enum ApiVersion {
  /** The stable API, {@code v1.0}. */
  V1_0("v1.0"),
  /** The preview API, {@code beta}. */
  BETA("beta");

  private final String pathSegment;

  ApiVersion(String pathSegment) {
    this.pathSegment = pathSegment;
  }

  /** The version as it stands in the URL: {@code v1.0} or {@code beta}. */
  public String pathSegment() {
    return pathSegment;
  }

  /** Returns the version whose path segment is {@code text}, e.g. {@code "beta"}. */
  public static ApiVersion fromPathSegment(String text) {
    for (ApiVersion version : values()) {
      if (version.pathSegment.equalsIgnoreCase(text)) {
        return version;
      }
    }
    throw new IllegalArgumentException("unknown Graph API version '" + text + "': expected v1.0 or beta");
  }
}
