package dev.exchangesync;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Graph's {@code error.message} made into one line. Intune often puts a whole JSON document there
 * ({@code {"_version":3,"Message":"An error has occurred - Operation ID (for customer support): … - Activity ID:
 * … - Url: … - CustomApiErrorPhrase: …","CustomApiErrorPhrase":"","RetryAfter":null,…}}, with {@code \r\n}):
 * that becomes its sentence, with the Operation ID and Activity ID kept apart for support requests.
 *
 * @param text the message as one line, e.g. {@code An error has occurred}
 * @param operationId Intune's Operation ID, when the message held one
 * @param activityId Intune's Activity ID, when the message held one
 */
record ServiceMessage(String text, @Nullable String operationId, @Nullable String activityId) {
  private static final Pattern OPERATION_ID = Pattern.compile("Operation ID[^:]*:\\s*([^\\s]+)");
  private static final Pattern ACTIVITY_ID = Pattern.compile("Activity ID:\\s*([^\\s]+)");
  /** How Intune's Message separates its parts: "An error has occurred - Operation ID …: x - Activity ID: y". */
  private static final Pattern PARTS = Pattern.compile("\\s+-\\s+(?=[A-Z][A-Za-z ()]*:)");

  static ServiceMessage of(String message) {
    String trimmed = message.strip();
    if (trimmed.startsWith("{")) {
      ServiceMessage nested = nested(trimmed);
      if (nested != null) {
        return nested;
      }
    }
    return new ServiceMessage(oneLine(trimmed), null, null);
  }

  /** Intune's nested document, or null when the text is not one. */
  private static @Nullable ServiceMessage nested(String json) {
    String message = null;
    String phrase = null;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if ((name.equals("Message") || name.equals("CustomApiErrorPhrase"))
            && reader.peek() == JsonReader.Token.STRING) {
          String value = reader.nextString();
          if (name.equals("Message")) {
            message = value;
          } else {
            phrase = value;
          }
        } else {
          reader.skipValue();
        }
      }
      reader.endObject();
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    if (message == null) {
      return null;
    }
    String sentence = PARTS.split(message.strip(), 2)[0].strip();
    if (phrase != null && !phrase.isBlank()) {
      sentence = sentence + ": " + phrase.strip();
    }
    return new ServiceMessage(oneLine(sentence), find(OPERATION_ID, message), find(ACTIVITY_ID, message));
  }

  private static @Nullable String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** White space, line breaks included, folded into single spaces; at most a thousand characters. */
  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() <= 1000 ? line : line.substring(0, 1000) + "…";
  }
}
