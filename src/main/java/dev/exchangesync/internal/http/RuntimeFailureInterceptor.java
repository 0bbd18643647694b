package dev.exchangesync.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The outermost interceptor: a runtime failure anywhere below (an interceptor, OkHttp itself, a hostile answer it
 * did not expect) becomes an {@link UnexpectedFailureException}, so that it reaches the caller as a
 * {@code GraphException} and OkHttp's dispatcher never reports it as uncaught on an async call.
 */
public final class RuntimeFailureInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (RuntimeException e) {
      throw new UnexpectedFailureException(e);
    }
  }

  /** A runtime failure of a call, carried as an {@link IOException}. */
  public static final class UnexpectedFailureException extends IOException {
    private static final long serialVersionUID = 1L;

    UnexpectedFailureException(RuntimeException cause) {
      super(cause.toString(), cause);
    }
  }
}
