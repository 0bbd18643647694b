package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.ApiVersion;
import dev.exchangesync.GraphCloud;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a command line is read: every form of option and value, where options may go, and each usage error. */
final class ArgumentsTest {
  @ParameterizedTest
  @ValueSource(strings = {"-o json", "-ojson", "-o=json", "--output json", "--output=json", "--output=JSON"})
  void anOptionsValueMayBeAttachedOrFollow(String option) {
    List<String> args = new ArrayList<>(List.of(option.split(" ")));
    args.add("list");

    ExchangeSyncCli cli = ExchangeSyncCli.parsed(Map.of(), args.toArray(String[]::new));

    assertEquals(Format.JSON, cli.output);
  }

  @Test
  void globalOptionsGoBeforeOrAfterTheCommandAndFlagsGroup() {
    ExchangeSyncCli before = ExchangeSyncCli.parsed(Map.of(), "--cloud", "usgov", "-q", "--api-version=beta", "list");
    ExchangeSyncCli after = ExchangeSyncCli.parsed(Map.of(), "list", "--cloud=usgov", "-q", "--api-version",
        "BETA");

    for (ExchangeSyncCli cli : List.of(before, after)) {
      assertEquals(GraphCloud.US_GOV, cli.cloud);
      assertEquals(ApiVersion.BETA, cli.apiVersion);
      assertTrue(cli.quiet);
    }
    ExchangeSyncCli grouped = ExchangeSyncCli.parsed(Map.of(), "-qo", "json", "list");
    assertTrue(grouped.quiet);
    assertEquals(Format.JSON, grouped.output);
  }

  @Test
  void aRepeatableOptionKeepsEveryValueAndDoubleDashEndsOptions() {
    ExchangeSyncCli cli = ExchangeSyncCli.parsed(Map.of(), "--allow-host", "a.example", "--allow-host=b.example",
        "list");
    Arguments.Invocation invocation = ExchangeSyncCli.parse("sync", "--", "--all", "-x");

    assertEquals(List.of("a.example", "b.example"), cli.allowedHosts);
    assertEquals("sync", invocation.command().name());
    assertFalse(invocation.help());
  }

  @Test
  void helpAndVersionAreReadAnywhereAndSkipParameterChecks() {
    Arguments.Invocation help = ExchangeSyncCli.parse("get", "--help"); // get needs an ID, but help asks for none
    Arguments.Invocation version = ExchangeSyncCli.parse("-V");
    Arguments.Invocation top = ExchangeSyncCli.parse("-h");

    assertTrue(help.help());
    assertEquals("get", help.command().name());
    assertTrue(version.version());
    assertTrue(top.help());
    assertNull(top.command());
  }

  @Test
  void eachUsageErrorSaysWhatWasWrongAndWhereHelpIs() {
    assertUsage("Unknown command: 'synk'", "exchange-sync sync", null, "synk");
    assertUsage("Unknown option: '--wiat'", "--wait", "sync", "sync", "--wiat");
    assertUsage("option '--type' needs a value (TYPE)", null, "sync", "sync", "--all", "--type");
    assertUsage("option '--timeout' needs a value (DURATION)", null, "sync", "sync", "--timeout", "--wait");
    assertUsage("option '--type' was given more than once", null, "sync", "sync", "--type", "fullSync", "--type",
        "deltaSync");
    assertUsage("option '--wait' takes no value, but was given 'yes'", null, "sync", "sync", "--wait=yes");
    assertUsage("Invalid value for option '--cloud': unknown cloud 'mars': expected one of global, usgov, usgov-dod,"
        + " china", null, null, "--cloud", "mars", "list");
    assertUsage("Invalid value for option '--concurrency': 'many' is not a whole number", null, "sync", "sync",
        "--concurrency", "many");
    assertUsage("Missing required parameter: 'ID'", null, "get", "get");
    assertUsage("Unexpected argument: 'extra'", null, "get", "get", "c1", "extra");
    assertUsage("Unexpected argument: 'x' (list takes no parameters)", null, "list", "list", "x");
    assertUsage("option '--all' belongs to the sync command: give it after the command, e.g. 'exchange-sync sync"
        + " --all'", null, null, "--all", "sync");
    assertUsage("Unknown option: '-x'", null, null, "-qx", "list");
  }

  @Test
  void usageErrorsPrintThreeLinesOnStderrAndExitTwo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = ExchangeSyncCli.run(new String[] {"sync", "--wiat"}, new PrintWriter(out), new PrintWriter(err),
        Map.of(), false);

    assertEquals(2, exit);
    assertEquals("", out.toString());
    assertEquals("exchange-sync: Unknown option: '--wiat'\nDid you mean --wait?\nSee 'exchange-sync sync --help'.\n",
        err.toString());
  }

  @Test
  void noTwoOptionsShareANameAndEveryOptionIsDocumentedAndSetByItsOwner() {
    ExchangeSyncCli cli = ExchangeSyncCli.parsed(Map.of());
    Set<String> global = new HashSet<>();
    for (Option option : cli.options()) {
      for (String name : option.names()) {
        assertTrue(global.add(name), "two global options are named " + name);
      }
      assertFalse(option.description().isBlank(), option.name());
      assertSetsWithoutFailing(() -> cli.set(option.name(), "1h"), option);
    }
    for (Command command : cli.commands()) {
      assertSame(command, cli.command(command.name()));
      assertFalse(command.description().isEmpty(), command.name());
      for (Option option : command.options()) {
        for (String name : option.names()) {
          assertFalse(global.contains(name) || name.equals("-h") || name.equals("--help") || name.equals("-V")
              || name.equals("--version"), command.name() + " reuses the global option " + name);
        }
        assertFalse(option.description().isBlank(), option.name());
        assertSetsWithoutFailing(() -> command.set(option.name(), "1h"), option);
      }
      // Reading a command's own options builds its index of names, which refuses a name given twice.
      ExchangeSyncCli.parse(command.name(), "--help");
    }
  }

  /** The owner's set knows the option: a value it cannot read is a usage error, never a missing case. */
  private static void assertSetsWithoutFailing(Runnable set, Option option) {
    try {
      set.run();
    } catch (IllegalArgumentException badValue) {
      // "1h" is no cloud or file: the option was known, and its value refused
    } catch (IllegalStateException e) {
      throw new AssertionError(option.name() + " is not set by its owner", e);
    }
  }

  private static void assertUsage(String message, String suggestion, String command, String... args) {
    UsageException e = assertThrows(UsageException.class, () -> ExchangeSyncCli.parse(args), String.join(" ", args));
    assertEquals(message, e.getMessage());
    assertEquals(suggestion, e.suggestion());
    assertEquals(command, e.command() == null ? null : e.command().name());
  }
}
