package dev.exchangesync;

/** Graph failed with a server error ({@code 5xx}) that the retry policy did not get past. */
public final class ServiceException extends GraphException {
  private static final long serialVersionUID = 1L;

  ServiceException(ErrorInfo info, String message) {
    super(info, message, null);
  }
}
