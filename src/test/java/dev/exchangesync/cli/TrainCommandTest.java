package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code train}, the launchers' command: the tool runs in a JVM of its own with the given options against a sandbox
 * this JVM serves, and a run that fails is said, with its output. Help and completion leave it out.
 */
final class TrainCommandTest {
  @Test
  void theTrainingRunSyncsTheSandboxInAJvmOfItsOwnWithTheGivenOptions() {
    // -Dexchange-sync.training is harmless; -XX:ArchiveClassesAtExit needs a jar, which tests run without.
    Run run = run("train", "--", "-Dexchange-sync.training=true", "-XX:TieredStopAtLevel=1");

    assertEquals(0, run.exit, run.err);
    assertEquals("", run.out);
  }

  @Test
  void aFailedTrainingRunIsSaidWithWhatItPrinted() {
    Run run = run("train", "--", "-XX:+NoSuchJvmOption");

    assertEquals(1, run.exit);
    assertTrue(run.err.startsWith("exchange-sync: the training run failed with exit code 1: "), run.err);
    assertTrue(run.err.contains("NoSuchJvmOption"), run.err);
  }

  @Test
  void itIsLeftOutOfHelpAndCompletion() {
    assertFalse(run("--help").out.contains("train"));
    assertFalse(run("generate-completion").out.contains("train"));
    assertFalse(run("trian").err.contains("Did you mean"));
  }

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ExchangeSyncCli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of(), false);
    return new Run(exit, out.toString(), err.toString());
  }
}
