package dev.exchangesync.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The {@link CallState} of each call under way, found by the request the call was created with (by identity:
 * {@code Request} does not override {@code equals}). The interceptors find it through {@code chain.call()}, the
 * client through its Retrofit call, which hands out that same request.
 *
 * <p>Why not a request tag: adding one copies the request, which measured 3 µs of CPU per call, most of this
 * library's overhead over a hand-built OkHttp request. The client removes each state once it has read it.
 */
public final class CallStates {
  private final Map<Request, CallState> states = new ConcurrentHashMap<>();

  /** A call factory that creates each call's state alongside it. */
  public Call.Factory callFactory(OkHttpClient client) {
    return request -> {
      states.put(request, new CallState());
      return client.newCall(request);
    };
  }

  /** The state of the call created with {@code request}, or a detached fresh one for a call not made here. */
  public CallState of(Request request) {
    CallState state = states.get(request);
    return state != null ? state : new CallState();
  }

  /** The state of {@code call}; for interceptors. */
  CallState of(Call call) {
    return of(call.request());
  }

  /** Makes {@code state} the state of the call created with {@code request}: a retry's clone carries on the call. */
  public void adopt(Request request, CallState state) {
    states.put(request, state);
  }

  /** Forgets the state of the call created with {@code request}; the client calls it when the call is over. */
  public void remove(Request request) {
    states.remove(request);
  }

  /** How many calls are under way or not yet forgotten; for tests. */
  public int size() {
    return states.size();
  }
}
