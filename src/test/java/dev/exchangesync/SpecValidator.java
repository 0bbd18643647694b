package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/** Checks recorded requests and canned responses against openapi/, so tests, spec and facade agree. */
public final class SpecValidator {
  /**
   * The validator reads a schema without {@code additionalProperties} as closed; OpenAPI reads it as open, and
   * Graph's answers carry properties a spec need not name ({@code @odata.context}, newer properties), so answers
   * are checked as OpenAPI says. Requests stay closed: this client sends nothing the spec does not name.
   */
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForSpecificationUrl(Path.of("openapi/exchange-connectors.yaml").toUri().toString())
      .withLevelResolver(LevelResolver.create()
          .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
          // Next-page links carry the service's own options, e.g. $skiptoken.
          .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
          .build())
      .build();

  private SpecValidator() {
  }

  /** Fails when the request the client sent is not one the spec allows. */
  static void assertValidRequest(RecordedRequest recorded) {
    HttpUrl url = recorded.getRequestUrl();
    // The spec's two servers differ only in the version segment; the validator matches the first.
    String path = url.encodedPath().replaceFirst("^/beta/", "/v1.0/");
    SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.getMethod(), path);
    for (String name : url.queryParameterNames()) {
      request.withQueryParam(name, url.queryParameterValues(name));
    }
    recorded.getHeaders().forEach(header -> request.withHeader(header.getFirst(), header.getSecond()));
    if (recorded.getBodySize() > 0) {
      request.withBody(recorded.getBody().clone().readUtf8());
    }
    report(VALIDATOR.validateRequest(request.build()), "request " + recorded.getRequestLine());
  }

  /** Fails when a canned answer for {@code method path} is not one the spec allows. */
  static void assertValidResponse(String method, String path, MockResponse response) {
    int status = Integer.parseInt(response.getStatus().split(" ")[1]);
    String body = response.getBody() == null ? "" : response.getBody().clone().readString(StandardCharsets.UTF_8);
    assertValidResponse(method, path, status, response.getHeaders(), body);
  }

  /** Fails when an answer to {@code method path} (path without query) is not one the spec allows. */
  public static void assertValidResponse(String method, String path, int status, Headers headers, String body) {
    SimpleResponse.Builder built = SimpleResponse.Builder.status(status);
    headers.forEach(header -> built.withHeader(header.getFirst(), header.getSecond()));
    if (!body.isEmpty()) {
      built.withBody(body);
    }
    report(VALIDATOR.validateResponse(path, Request.Method.valueOf(method), built.build()),
        "response " + status + " to " + method + " " + path);
  }

  private static void report(ValidationReport report, String what) {
    assertFalse(report.hasErrors(), () -> what + " does not conform to openapi/: " + report);
  }
}
