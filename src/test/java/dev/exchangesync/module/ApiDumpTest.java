package dev.exchangesync.module;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, as a text file committed beside the sources (src/api/), so that every change to it shows in
 * review: each public type of an exported package with its public and protected members. When the API changes on
 * purpose, rewrite the file with {@code mvn -B verify -DupdateApiDump=true} and commit it.
 */
class ApiDumpTest {
  static final Path DUMP = Path.of("src/api/exchange-connector-sync.api");
  private static final Path CLASSES = Path.of("target/classes");

  @Test
  void thePublicApiIsTheCommittedOne() throws Exception {
    String actual = String.join("\n", dump()) + "\n";
    if (Boolean.getBoolean("updateApiDump")) {
      Files.createDirectories(DUMP.getParent());
      Files.writeString(DUMP, actual);
    }
    String committed = Files.exists(DUMP) ? Files.readString(DUMP) : "";
    if (!committed.equals(actual)) {
      Set<String> was = new LinkedHashSet<>(committed.lines().toList());
      Set<String> now = new LinkedHashSet<>(actual.lines().toList());
      StringBuilder diff = new StringBuilder();
      was.stream().filter(line -> !now.contains(line)).forEach(line -> diff.append("- ").append(line).append('\n'));
      now.stream().filter(line -> !was.contains(line)).forEach(line -> diff.append("+ ").append(line).append('\n'));
      fail("the public API differs from " + DUMP + ". If the change is intended, run"
          + " `mvn -B verify -DupdateApiDump=true` and commit the file:\n" + diff);
    }
  }

  @Test
  void theDumpHoldsNoInternalType() throws Exception {
    List<String> dump = dump();

    assertTrue(dump.stream().noneMatch(line -> line.contains("dev.exchangesync.internal")
        || line.contains("dev.exchangesync.cli") || line.contains("retrofit2.")), String.join("\n", dump));
    assertTrue(dump.stream().anyMatch(line -> line.startsWith("public final class dev.exchangesync.StartedSync")));
  }

  /** The API's lines: per type, its declaration, then its members indented, all sorted. */
  static List<String> dump() throws IOException, ClassNotFoundException {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    Set<String> exported = new TreeSet<>();
    descriptor.exports().stream().filter(e -> !e.isQualified()).forEach(e -> exported.add(e.source()));
    List<String> lines = new ArrayList<>();
    lines.add("module " + descriptor.name() + " exports " + String.join(", ", exported));
    for (String pkg : exported) {
      Set<String> names = new TreeSet<>();
      try (Stream<Path> files = Files.list(CLASSES.resolve(pkg.replace('.', '/')))) {
        files.map(file -> file.getFileName().toString())
            .filter(name -> name.endsWith(".class") && !name.equals("package-info.class"))
            .forEach(name -> names.add(pkg + "." + name.substring(0, name.length() - ".class".length())));
      }
      for (String name : names) {
        Class<?> type = Class.forName(name, false, ApiDumpTest.class.getClassLoader());
        if (isVisible(type)) {
          lines.add("");
          lines.add(declaration(type));
          lines.addAll(members(type));
        }
      }
    }
    return lines;
  }

  /** Public, and so is every type it is nested in. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isSynthetic() || t.isAnonymousClass()) {
        return false;
      }
    }
    return true;
  }

  private static String declaration(Class<?> type) {
    StringBuilder line = new StringBuilder(type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && superclass != Record.class
        && !(type.isEnum() && superclass.getTypeName().startsWith("java.lang.Enum<"))) {
      line.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      line.append(type.isInterface() ? " extends " : " implements ");
      for (int i = 0; i < interfaces.length; i++) {
        line.append(i == 0 ? "" : ", ").append(interfaces[i].getTypeName());
      }
    }
    return line.toString();
  }

  private static List<String> members(Class<?> type) {
    Set<String> members = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (isApi(field)) {
        members.add(field.toGenericString());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isApi(constructor)) {
        members.add(constructor.toGenericString());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (isApi(method) && !method.isBridge()) {
        members.add(method.toGenericString());
      }
    }
    return members.stream().map(member -> "  " + member).toList();
  }

  private static boolean isApi(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(modifiers)
        || Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers()));
  }
}
