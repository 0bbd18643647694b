package dev.exchangesync.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for the CLI in LauncherTest's distributions: prints its JVM options and its arguments; and, as the
 * CLI's {@code train -- JVM_OPTION...} does, runs itself in a JVM of its own with those options.
 */
public final class LauncherProbe {
  private LauncherProbe() {
  }

  public static void main(String[] args) throws Exception {
    System.out.println("jvm: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println("args: " + String.join("|", args));
    if (args.length > 1 && args[0].equals("train") && args[1].equals("--")) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString()));
      command.addAll(Arrays.asList(args).subList(2, args.length));
      command.addAll(List.of("-jar", System.getProperty("java.class.path"), "trained"));
      System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }
  }
}
