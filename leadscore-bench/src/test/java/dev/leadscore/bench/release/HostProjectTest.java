package dev.leadscore.bench.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host team's first hour, as a test: the README's quick start section is compiled as a separate
 * project against only the leadscore dependencies its XML blocks name (and what Maven resolves for
 * them, nothing from this module), then run in a fresh JVM on the class path and on the module path.
 *
 * <p>Each Java block with statements is one step; a step compiles with every import and statement
 * of the blocks before it and the dependencies of the XML blocks before it, as a reader following
 * the README would. Each library module writes its runtime class path to
 * {@code target/runtime-classpath.txt} (the root POM's dependency:build-classpath), and this
 * module's own file says where the reactor put each library (its jar under {@code mvn verify}).
 */
class HostProjectTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern SCORE_DECLARATION = Pattern.compile("(?m)^Score (\\w+) =");
  private static final Pattern FOOTPRINT = Pattern.compile("inherits\\s+(\\d+) jars \\(([0-9.]+) MB\\)");

  /** One README step: the dependencies, imports and statements up to and including a Java block. */
  record Step(List<String> artifacts, List<String> imports, List<String> statements, String scoreVariable) {}

  @Test
  void everyReadmeStepCompilesAndScoresOnTheClassPathAndTheModulePath(@TempDir Path work) throws Exception {
    List<Step> steps = readmeSteps();
    assertEquals(2, steps.size(), "the quick start and the rule baseline");
    assertEquals(List.of("leadscore-model"), steps.get(0).artifacts());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      List<Path> deps = runtimePath(step.artifacts());
      Path classPathHost = compile(work.resolve("cp" + i), step, deps, false);
      Path modulePathHost = compile(work.resolve("mp" + i), step, deps, true);
      String joined = join(prepend(classPathHost, deps));
      assertScored(step, run("-cp", joined, "host.Host"));
      assertScored(step, run("--module-path", join(prepend(modulePathHost, deps)), "-m", "host/host.Host"));
    }
  }

  @Test
  void theReadmeStatesTheHostsDependencyFootprint() throws IOException {
    List<Path> deps = runtimePath(readmeSteps().get(readmeSteps().size() - 1).artifacts());
    String section = quickStart();
    Matcher stated = FOOTPRINT.matcher(section);
    assertTrue(stated.find(), "the README's quick start states the host's footprint as 'inherits N jars (X MB)'");
    if (deps.stream().allMatch(p -> p.toString().endsWith(".jar"))) {
      long bytes = 0;
      for (Path p : deps) {
        bytes += Files.size(p);
      }
      double mb = bytes / 1e6;
      assertEquals(deps.size(), Integer.parseInt(stated.group(1)), "jars a host inherits: " + deps);
      assertEquals(mb, Double.parseDouble(stated.group(2)), 0.1, "MB a host inherits: " + deps);
    }
    // Only the EJML parts the solver uses: the others split packages and stop a module-path boot.
    Set<String> ejml = deps.stream().map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ejml-"))
        .map(n -> n.replaceAll("-[0-9.]+\\.jar$", "")).collect(Collectors.toSet());
    assertEquals(Set.of("ejml-core", "ejml-ddense"), ejml);
  }

  private static String quickStart() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## Quick start");
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end);
  }

  private static List<Step> readmeSteps() throws IOException {
    List<Step> steps = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    Matcher block = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```").matcher(quickStart());
    while (block.find()) {
      String body = block.group(2);
      if (block.group(1).equals("xml")) {
        Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
        while (artifact.find()) {
          artifacts.add(artifact.group(1));
        }
      } else if (block.group(1).equals("java")) {
        List<String> code = body.lines().filter(l -> !l.startsWith("import ")).toList();
        body.lines().filter(l -> l.startsWith("import ")).forEach(imports::add);
        if (code.stream().anyMatch(l -> !l.isBlank() && !l.startsWith("//"))) {
          statements.addAll(code);
          Matcher score = SCORE_DECLARATION.matcher(String.join("\n", code));
          assertTrue(score.find(), "each README step ends in a Score: " + code);
          steps.add(new Step(List.copyOf(artifacts), List.copyOf(imports), List.copyOf(statements), score.group(1)));
        }
      }
    }
    return steps;
  }

  /** The named artifacts and their runtime dependencies, as Maven resolved them. */
  private static List<Path> runtimePath(List<String> artifacts) throws IOException {
    List<Path> bench = classPathFile(Path.of("target", "runtime-classpath.txt"));
    Set<Path> path = new LinkedHashSet<>();
    for (String artifact : artifacts) {
      List<Path> own = bench.stream().filter(p -> p.toString().contains("/" + artifact + "/target/")).toList();
      assertEquals(1, own.size(), artifact + " on this module's class path: " + bench);
      path.add(own.get(0));
      path.addAll(classPathFile(ROOT.resolve(artifact).resolve("target").resolve("runtime-classpath.txt")));
    }
    return List.copyOf(path);
  }

  private static List<Path> classPathFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      fail(file + " is missing: build the library modules in the same reactor (mvn verify)");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    for (String entry : text.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      assertTrue(Files.exists(p), "missing on the class path: " + p);
      paths.add(p);
    }
    return paths;
  }

  private static Path compile(Path dir, Step step, List<Path> deps, boolean modular) throws IOException {
    Path src = dir.resolve("src");
    Path out = dir.resolve("out");
    Files.createDirectories(src.resolve("host"));
    Files.createDirectories(out);
    String source = "package host;\n\n" + String.join("\n", step.imports()) + "\n\n"
        + "public final class Host {\n  public static void main(String[] args) throws Exception {\n"
        + step.statements().stream().map(l -> "    " + l).collect(Collectors.joining("\n")) + "\n"
        + "    System.out.println(\"scored \" + " + step.scoreVariable() + ".score() + \" \" + "
        + step.scoreVariable() + ".tier());\n  }\n}\n";
    List<String> files = new ArrayList<>(List.of(Files.writeString(src.resolve("host/Host.java"), source).toString()));
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
    if (modular) {
      String requires = step.artifacts().stream().map(a -> "  requires dev.leadscore." + a.substring("leadscore-".length()) + ";\n")
          .collect(Collectors.joining());
      files.add(Files.writeString(src.resolve("module-info.java"), "module host {\n" + requires + "}\n").toString());
      args.addAll(List.of("--module-path", join(deps)));
    } else {
      args.addAll(List.of("-cp", join(deps)));
    }
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertEquals(0, status, (modular ? "module path" : "class path") + " host does not compile with " + step.artifacts()
        + ":\n" + source + errors.toString(StandardCharsets.UTF_8));
    return out;
  }

  private static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "host did not finish");
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    return output;
  }

  private static void assertScored(Step step, String output) {
    Matcher scored = Pattern.compile("(?m)^scored ([0-9.]+) (\\S+)$").matcher(output);
    assertTrue(scored.find(), "the host printed no score for " + step.artifacts() + ":\n" + output);
    double score = Double.parseDouble(scored.group(1));
    assertTrue(score >= 0 && score <= 100, output);
  }

  private static List<Path> prepend(Path first, List<Path> rest) {
    List<Path> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
  }
}
