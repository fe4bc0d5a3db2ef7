package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadscore.bench.cli.LeadscoreCli;
import dev.leadscore.model.ModelArtifact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, on a small pipeline: it writes every artifact and prints the headline table. */
class DemoTest {

  @Test
  void demoWritesItsArtifactsAndPrintsTheHeadline(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeadscoreCli.run(new String[] {"demo", "--size", "300", "--seed", "5", "--bootstrap", "100", "--out",
        dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    for (String s : List.of("ROC AUC [95 % CI]", "Average precision", "Brier score", "ECE (10 bins)", "rules",
        "model", "Oracle ROC AUC", "Tier table, model", "Time-ordered back-test", "Example Hot lead",
        "Scored 100 fresh leads")) {
      assertTrue(text.contains(s), s + " missing from:\n" + text);
    }
    for (String f : List.of("model.json", "report.html", "evaluation.json", "leads.csv", "events.csv", "schema.json",
        "rules.json", "new-leads.csv", "new-events.csv", "scored.csv")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
    assertEquals(300, ModelArtifact.read(Files.readString(dir.resolve("model.json"))).summary().rows());
    assertEquals(101, Files.readAllLines(dir.resolve("scored.csv")).size());
    JsonNode eval = new ObjectMapper().readTree(Files.readString(dir.resolve("evaluation.json")));
    assertTrue(eval.at("/crossValidation/oracleAuc").asDouble() > eval.at("/crossValidation/model/auc/estimate")
        .asDouble() - 0.1);
    assertTrue(Files.readString(dir.resolve("report.html")).contains("data:image/svg+xml;base64,"));
  }

  @Test
  void anInvalidSizeIsAClearError(@TempDir Path dir) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeadscoreCli.run(new String[] {"demo", "--size", "5", "--out", dir.toString()},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("size"), err.toString(StandardCharsets.UTF_8));
  }
}
