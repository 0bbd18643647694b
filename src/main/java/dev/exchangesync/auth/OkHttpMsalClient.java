package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/** MSAL's HTTP calls on OkHttp, so sign-in shares the client's connection pool, proxy and TLS settings. */
final class OkHttpMsalClient implements IHttpClient {
  private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded; charset=utf-8");

  private final OkHttpClient client;

  /** Uses {@code client}'s proxy, timeouts and pool, but follows no redirect: a token request goes where it was sent. */
  OkHttpMsalClient(OkHttpClient client) {
    this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws IOException {
    Request.Builder builder = new Request.Builder().url(request.url());
    if (request.headers() != null) {
      request.headers().forEach(builder::header);
    }
    String contentType = request.headerValue("Content-Type");
    RequestBody body = request.body() == null ? null
        : RequestBody.create(request.body(), contentType != null ? MediaType.get(contentType) : FORM);
    builder.method(request.httpMethod().methodName, body);
    try (Response response = client.newCall(builder.build()).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody != null ? responseBody.string() : "";
      HttpResponse result = new HttpResponse();
      if (isWellFormedJson(text)) {
        result.statusCode(response.code()).body(text);
      } else {
        // MSAL's parser would quote the body, tokens and all, in its message, and MSAL logs that message.
        result.statusCode(response.code() < 400 ? 502 : response.code()).body("{\"error\":\"invalid_response\","
            + "\"error_description\":\"the sign-in service answered HTTP " + response.code() + " with a body that is"
            + " not JSON\"}");
      }
      Headers headers = response.headers();
      Map<String, List<String>> map = headers.toMultimap();
      result.addHeaders(map);
      return result;
    } catch (IOException e) {
      throw new UnreachableException(e);
    }
  }

  /** Whether {@code text} is one JSON value; an empty body counts, as MSAL reads it as none. */
  private static boolean isWellFormedJson(String text) {
    if (text.isBlank()) {
      return true;
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
