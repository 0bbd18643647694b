package dev.exchangesync.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How help reads: wrapped to the terminal, global options (Graph, sign-in, output) listed once by the top command
 * and not again by each subcommand, and a "Did you mean" for a mistyped command or option.
 */
final class HelpLayout {
  private HelpLayout() {
  }

  /**
   * Applies the layout to {@code top} and its subcommands, and answers usage errors with a suggestion.
   *
   * @param width the terminal's width, 0 when help goes elsewhere (80 columns then)
   */
  static void apply(CommandLine top, PrintWriter err, int width) {
    if (width > 0) {
      top.setUsageHelpWidth(Math.max(55, Math.min(width, 160))); // picocli's floor; long lines read badly
    }
    top.setUsageHelpLongOptionsMaxWidth(30);
    for (CommandLine sub : top.getSubcommands().values()) {
      sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> {
        CommandSpec spec = help.commandSpec();
        String params = spec.positionalParameters().stream()
            .map(p -> " " + (p.arity().min == 0 ? "[" : "") + p.paramLabel() + (p.arity().max > 1 ? "..." : "")
                + (p.arity().min == 0 ? "]" : ""))
            .collect(Collectors.joining());
        return spec.qualifiedName() + (own(spec).isEmpty() ? "" : " [OPTIONS]") + " [GLOBAL OPTIONS]" + params
            + "\n";
      });
      sub.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help ->
          help.optionListExcludingGroups(own(help.commandSpec()), help.createDefaultLayout(),
              CommandLine.Help.createShortOptionArityAndNameComparator(), help.createDefaultParamLabelRenderer())
          + "\n" + wrap("Global options (Graph, sign-in, output: --cloud, --auth, -o, ...): see '"
          + top.getCommandName() + " --help'. They go before or after the command.",
          help.commandSpec().usageMessage().width()));
    }
    top.setParameterExceptionHandler((e, args) -> {
      CommandLine command = e.getCommandLine();
      err.println(top.getCommandName() + ": " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
      suggestion(e).ifPresent(candidate -> err.println("Did you mean " + candidate + "?"));
      err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExchangeSyncCli.USAGE;
    });
  }

  /** {@code text} broken at spaces into lines of at most {@code width} characters, each ending in a newline. */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    return out.append(line).append('\n').toString();
  }

  /** The command's own options: not the inherited global ones, not hidden ones. */
  private static List<OptionSpec> own(CommandSpec spec) {
    return spec.options().stream().filter(option -> !option.inherited() && !option.hidden()).toList();
  }

  /** The closest command or option to a mistyped one, when one is close enough to be meant. */
  static Optional<String> suggestion(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String typed = unmatched.getUnmatched().get(0);
    CommandLine command = e.getCommandLine();
    Collection<String> candidates;
    if (typed.startsWith("-")) {
      String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
      candidates = new ArrayList<>(command.getCommandSpec().optionsMap().keySet());
      return closest(name, candidates);
    }
    candidates = command.getSubcommands().keySet();
    return closest(typed, candidates).map(name -> command.getCommandSpec().qualifiedName() + " " + name);
  }

  private static Optional<String> closest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(3, typed.replaceFirst("^-+", "").length() / 3));
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
