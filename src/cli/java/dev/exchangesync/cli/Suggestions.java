package dev.exchangesync.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known name closest to a mistyped one, when one is close enough to be what was meant. */
final class Suggestions {
  private Suggestions() {
  }

  /** The candidate closest to {@code typed}, ignoring case, within an edit distance that grows with its length. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String name = typed.replaceFirst("^-+", "");
    if (name.length() < 2) {
      return Optional.empty(); // one letter is one edit from every other: no guess is better than another
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Edit distance with adjacent transpositions (optimal string alignment): "wiat" is one edit from "wait". */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
