package dev.exchangesync.internal.http;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps a JSON converter so that every failure to read a body, and a body of JSON {@code null}, surfaces as
 * {@link MalformedBodyException}: the client can then tell a bad answer from a broken connection.
 */
public final class CheckedJsonConverterFactory extends Converter.Factory {
  private final Converter.Factory delegate;

  public CheckedJsonConverterFactory(Converter.Factory delegate) {
    this.delegate = delegate;
  }

  @Override
  public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, ?> converter = delegate.responseBodyConverter(type, annotations, retrofit);
    if (converter == null) {
      return null;
    }
    return body -> {
      Object value;
      try {
        value = converter.convert(body);
      } catch (IOException | RuntimeException e) {
        throw new MalformedBodyException("Graph's answer is not the JSON expected: " + e.getMessage(), e);
      }
      if (value == null) {
        throw new MalformedBodyException("Graph's answer is not the JSON expected: the body is null", null);
      }
      return value;
    };
  }

  @Override
  public @Nullable Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    return delegate.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }
}
