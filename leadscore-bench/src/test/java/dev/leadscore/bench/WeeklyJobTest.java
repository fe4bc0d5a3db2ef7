package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.bench.cli.CsvExport;
import dev.leadscore.bench.cli.LeadscoreCli;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's weekly job: every {@code java -jar $JAR ...} command of its script, in the
 * script's order, with the script's own options, on synthetic files (the variables replaced by
 * fixed values). The retraining branch runs too, so every command in the script is exercised.
 */
class WeeklyJobTest {
  static final String AS_OF = "2026-01-01T00:00:00Z";

  @TempDir
  Path dir;

  /** The script's {@code java -jar $JAR} commands, continuation lines joined, tokenised. */
  static List<List<String>> commands() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int at = readme.indexOf("### A weekly job");
    assertTrue(at >= 0, "README.md has the weekly job");
    int start = readme.indexOf("```sh\n", at) + "```sh\n".length();
    String script = readme.substring(start, readme.indexOf("```", start)).replace("\\\n", " ");
    List<List<String>> commands = new ArrayList<>();
    for (String line : script.lines().toList()) {
      int jar = line.indexOf("java -jar $JAR ");
      if (jar < 0) {
        continue;
      }
      String command = line.substring(jar + "java -jar $JAR ".length()).replace("|| exit 1", "").strip();
      commands.add(tokens(command));
    }
    return commands;
  }

  static List<String> tokens(String command) {
    List<String> out = new ArrayList<>();
    for (String t : command.split("\\s+")) {
      out.add(t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t);
    }
    return out;
  }

  int run(List<String> command, Map<String, String> vars, StringBuilder log) {
    List<String> args = new ArrayList<>();
    for (String t : command) {
      String v = vars.getOrDefault(t, t);
      args.add(v.matches("[\\w.-]+\\.(csv|json|html)") ? dir.resolve(v).toString() : v);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeadscoreCli.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    log.append("$ ").append(String.join(" ", args)).append(" -> ").append(code).append('\n')
        .append(out.toString(StandardCharsets.UTF_8)).append(err.toString(StandardCharsets.UTF_8));
    return code;
  }

  static void export(SyntheticData data, boolean labelled, Path leads, Path events) throws IOException {
    boolean[] labels = null;
    if (labelled) {
      labels = new boolean[data.leads().size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = data.leads().get(i).converted();
      }
    }
    CsvExport.write(data.unlabelled(), labels, leads, events);
  }

  @Test
  void theReadmesWeeklyJobRunsAsWritten() throws IOException {
    List<List<String>> commands = commands();
    List<String> names = commands.stream().map(c -> c.get(0) + (c.get(0).equals("registry") ? " " + c.get(1) : ""))
        .toList();
    assertEquals(List.of("registry show", "score", "monitor", "train", "registry save"), names);

    Files.writeString(dir.resolve("schema.json"), SyntheticPipeline.defaultSchema().toJson());
    export(SyntheticPipeline.builder().size(800).seed(31).build().generate(), true, dir.resolve("history.csv"),
        dir.resolve("history-events.csv"));
    export(SyntheticPipeline.builder().size(200).seed(32).build().generate(), false, dir.resolve("week.csv"),
        dir.resolve("week-events.csv"));
    export(SyntheticPipeline.builder().size(400).seed(33).build().generate(), true, dir.resolve("month.csv"),
        dir.resolve("month-events.csv"));
    Map<String, String> vars = Map.of("$REG", dir.resolve("models").toString(), "$AS_OF", AS_OF, "$SCORED_AT", AS_OF);
    StringBuilder log = new StringBuilder();

    // The state the job expects: an active model, put there by the script's own last two commands.
    assertEquals(0, run(commands.get(3), vars, log), log.toString());
    assertEquals(0, run(commands.get(4), vars, log), log.toString());

    assertEquals(0, run(commands.get(0), vars, log), log.toString());
    assertTrue(Files.exists(dir.resolve("current.json")), log.toString());
    assertEquals(0, run(commands.get(1), vars, log), log.toString());
    assertEquals(201, Files.readAllLines(dir.resolve("scored.csv")).size(), log.toString());
    int monitor = run(commands.get(2), vars, log);
    assertEquals(0, monitor, "a month from the training population needs no retraining:\n" + log);
    assertTrue(Files.exists(dir.resolve("monitor.json")) && Files.exists(dir.resolve("monitor.html")), log.toString());
    // The retraining branch, as the script would run it on exit code 3.
    assertEquals(0, run(commands.get(3), vars, log), log.toString());
    assertEquals(0, run(commands.get(4), vars, log), log.toString());
  }
}
