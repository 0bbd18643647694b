package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, run by a real bash as its completion would run it: what it offers after each word. */
final class CompletionTest {
  @TempDir
  Path temp;

  private Path script;

  @BeforeEach
  void writeScript() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    StringWriter out = new StringWriter();
    int exit = ExchangeSyncCli.run(new String[] {"generate-completion"}, new PrintWriter(out),
        new PrintWriter(new StringWriter()), Map.of(), false);
    assertEquals(0, exit);
    script = Files.writeString(temp.resolve("exchange-sync.bash"), out.toString());
  }

  @Test
  void commandsFirstThenTheirOwnOptionsWithTheGlobalOnes() throws Exception {
    assertEquals(List.of("list", "get", "sync", "status", "login", "logout", "generate-completion", "help"),
        complete(""));
    assertEquals(List.of("sync", "status"), complete("s"));
    List<String> sync = complete("sync", "--");
    assertTrue(sync.containsAll(List.of("--all", "--type", "--wait", "--timeout", "--cloud", "--auth", "--output",
        "--help")), sync.toString());
    assertFalse(sync.contains("--max-age"), "status's option offered for sync: " + sync);
    assertFalse(sync.contains("--json"), "a hidden option is offered: " + sync);
    assertEquals(List.of("--max-age"), complete("status", "--ma"));
    assertEquals(List.of("sync", "status"), complete("help", "s"));
  }

  @Test
  void anOptionsValueCompletesToExactlyTheValuesItAccepts() throws Exception {
    assertEquals(List.of("global", "usgov", "usgov-dod", "china"), complete("--cloud", ""));
    assertEquals(List.of("usgov", "usgov-dod"), complete("--cloud", "=", "us")); // --cloud=us, as bash splits it
    assertEquals(List.of("global", "usgov", "usgov-dod", "china"), complete("--cloud", "="));
    assertEquals(List.of("fullSync", "deltaSync"), complete("sync", "--type", ""));
    assertEquals(List.of("json"), complete("list", "-o", "j"));
    assertEquals(List.of(), complete("status", "--max-age", "")); // a duration: nothing to offer
  }

  @Test
  void anOptionsValueIsNotTakenForTheCommand() throws Exception {
    assertEquals(List.of("list", "get", "sync", "status", "login", "logout", "generate-completion", "help"),
        complete("--tenant", "sync", ""));
    assertTrue(complete("--tenant", "=", "contoso", "sync", "--w").contains("--wait"));
  }

  @Test
  void fileOptionsCompleteFileNames() throws Exception {
    Files.writeString(temp.resolve("app.pem"), "");
    Files.writeString(temp.resolve("other.txt"), "");

    assertEquals(List.of("app.pem"), complete("--certificate", "ap"));
  }

  @Test
  void everyValueOfferedIsAccepted() {
    ExchangeSyncCli cli = ExchangeSyncCli.parsed(Map.of());
    for (Option option : cli.options()) {
      for (String value : option.values()) {
        assertDoesNotThrow(() -> cli.set(option.name(), value), option.name() + " " + value);
      }
      assertEquals(option.completion() == Option.Completion.VALUES, !option.values().isEmpty(), option.name());
    }
    for (Command command : cli.commands()) {
      for (Option option : command.options()) {
        for (String value : option.values()) {
          assertDoesNotThrow(() -> command.set(option.name(), value), option.name() + " " + value);
        }
        assertEquals(option.completion() == Option.Completion.VALUES, !option.values().isEmpty(), option.name());
      }
    }
  }

  /** What completion offers for the last of {@code words}, typed after {@code exchange-sync}. */
  private List<String> complete(String... words) throws Exception {
    List<String> line = new ArrayList<>(List.of("exchange-sync"));
    line.addAll(List.of(words));
    String array = line.stream().map(word -> "'" + word + "'").collect(Collectors.joining(" "));
    String command = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (line.size() - 1)
        + "; _exchange_sync; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process bash = new ProcessBuilder("/bin/bash", "--noprofile", "--norc", "-c", command).directory(temp.toFile())
        .redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, bash.exitValue(), output);
    return output.lines().filter(word -> !word.isEmpty()).toList();
  }
}
