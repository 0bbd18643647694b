package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help as a daily user needs it: a help command, global options once, examples, terminal width, suggestions. */
class HelpTest {
  private static final List<String> SIGN_IN = List.of("--auth", "--tenant", "--client-id", "--client-secret-file",
      "--client-secret-env", "--certificate", "--certificate-password-env", "--certificate-password-file",
      "--federated-token-file", "--token-cache");

  @Test
  void helpCommandShowsTheToolsOrACommandsHelp() {
    Run top = run(false, "help");
    Run sync = run(false, "help", "sync");

    assertEquals(0, top.exit, top.err);
    assertTrue(top.out.startsWith("Usage: exchange-sync "), top.out);
    assertTrue(top.out.contains("\n  help "), top.out);
    assertEquals("", top.err);
    assertEquals(0, sync.exit);
    assertEquals(run(false, "sync", "--help").out, sync.out);
  }

  @Test
  void signInOptionsAreDocumentedOnceAsGlobalOptions() {
    Run top = run(false, "--help");

    for (String option : SIGN_IN) {
      assertTrue(top.out.contains(option), "the tool's help lacks " + option);
    }
    for (String command : List.of("list", "get", "sync", "status", "login", "logout")) {
      Run help = run(false, command, "--help");
      assertEquals(0, help.exit);
      for (String option : SIGN_IN) {
        assertFalse(help.out.contains(option + "="), command + " --help repeats " + option + ":\n" + help.out);
      }
      assertTrue(help.out.replace('\n', ' ').contains("Global options (Graph, sign-in, output: --cloud, --auth, -o,"
          + " ...): see 'exchange-sync --help'."), help.out);
      assertTrue(help.out.contains("\nExamples:\n  exchange-sync "), command + " has no examples:\n" + help.out);
      assertTrue(help.out.startsWith("Usage: exchange-sync " + command + " [OPTIONS] [GLOBAL OPTIONS]"), help.out);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 55}) // at 55 columns, long examples go on with a shell's line continuation
  void everyExampleParsesAsWritten(int columns) {
    int parsed = 0;
    for (String command : List.of("", "list", "get", "sync", "status", "login", "logout")) {
      Map<String, String> env = Map.of("COLUMNS", String.valueOf(columns));
      String help = command.isEmpty() ? run(true, env, "--help").out : run(true, env, command, "--help").out;
      // Only a word longer than a line may go beyond the width.
      assertTrue(help.lines().allMatch(line -> line.length() <= columns || !line.strip().contains(" ")), help);
      String examples = help.substring(help.indexOf("\nExamples:\n") + 11).replace(" \\\n     ", "");
      for (String line : examples.lines().takeWhile(line -> line.startsWith("  ")).toList()) {
        if (!line.startsWith("  exchange-sync ")) {
          continue; // a shell command around it, e.g. mv
        }
        String[] args = line.strip().replace("$APP_ID", "00000000-0000-0000-0000-000000000000")
            .replaceAll(" [>|].*$", "").substring("exchange-sync ".length()).split(" +");
        ExchangeSyncCli.parse(args); // throws when an example does not parse
        parsed++;
      }
    }
    assertEquals(19, parsed);
  }

  @Test
  void helpIsWrappedToTheTerminalsWidth() {
    Run narrow = run(true, Map.of("COLUMNS", "60"), "sync", "--help");
    Run wide = run(true, Map.of("COLUMNS", "140"), "sync", "--help");

    assertTrue(narrow.out.lines().allMatch(line -> line.length() <= 60), narrow.out);
    assertTrue(wide.out.lines().anyMatch(line -> line.length() > 100), wide.out);
    assertTrue(wide.out.lines().allMatch(line -> line.length() <= 140), wide.out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"synk|exchange-sync sync", "stauts|exchange-sync status", "lst|exchange-sync list",
      "sync --wiat|--wait", "sync --all --skip-disconected|--skip-disconnected", "status --max-ag 1h|--max-age",
      "list --outptu json|--output", "--sandobx list|--sandbox"})
  void aMistypedCommandOrOptionGetsASuggestion(String example) {
    String[] parts = example.split("\\|");

    Run run = run(false, parts[0].split(" "));

    assertEquals(2, run.exit);
    List<String> lines = run.err.lines().toList();
    assertEquals(3, lines.size(), run.err);
    assertTrue(lines.get(0).startsWith("exchange-sync: "), run.err);
    assertEquals("Did you mean " + parts[1] + "?", lines.get(1));
    assertTrue(lines.get(2).startsWith("See 'exchange-sync"), run.err);
  }

  @Test
  void nothingCloseIsNotSuggested() {
    Run run = run(false, "frobnicate");

    assertEquals(2, run.exit);
    assertFalse(run.err.contains("Did you mean"), run.err);
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run run(boolean terminal, String... args) {
    return run(terminal, Map.of(), args);
  }

  private static Run run(boolean terminal, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ExchangeSyncCli.run(args, new PrintWriter(out), new PrintWriter(err), env, terminal);
    return new Run(exit, out.toString(), err.toString());
  }
}
