package dev.leadscore.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line numbers of rows (also across quoted line breaks), delimiters, instants and cell quoting. */
class LeadInputTest {

  @Test
  void lineIndexCountsPhysicalLinesAcrossQuotedLineBreaksAndSkipsEmptyLines(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("l.csv");
    Files.writeString(csv, "\uFEFFname;id;note\r\nA;1;plain\r\n\r\nB;2;\"two\r\nlines; quoted\"\r\nC;3;x\r\n");
    Map<String, Long> lines = LeadInput.lineIndex(csv, ';', "id", java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(Map.of("1", 2L, "2", 4L, "3", 6L), lines);
  }

  @Test
  void delimitersAndInstantsParseAsDocumented() {
    assertEquals('\t', Converters.parseDelimiter("\\t"));
    assertEquals('\t', Converters.parseDelimiter("tab"));
    assertEquals(';', Converters.parseDelimiter(";"));
    assertThrows(RuntimeException.class, () -> Converters.parseDelimiter("\""));
    assertThrows(RuntimeException.class, () -> Converters.parseDelimiter(";;"));
    assertEquals("2026-01-01T00:00:00Z", Converters.parseInstant("2026-01-01").toString());
    assertEquals("2026-01-02T03:04:05Z", Converters.parseInstant("2026-01-02T03:04:05Z").toString());
    assertThrows(RuntimeException.class, () -> Converters.parseInstant("yesterday"));
  }

  @Test
  void cellsAreQuotedOnlyWhenNeeded() {
    assertEquals("plain", Csv.cell("plain", ','));
    assertEquals("\"VP, Sales\"", Csv.cell("VP, Sales", ','));
    assertEquals("VP, Sales", Csv.cell("VP, Sales", ';'));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\"", ','));
    assertEquals("\" padded \"", Csv.cell(" padded ", ','));
    assertEquals("", Csv.cell(null, ','));
    assertTrue(Csv.line(java.util.List.of("a", "b\nc")).endsWith("\"b\nc\"\n"));
  }
}
