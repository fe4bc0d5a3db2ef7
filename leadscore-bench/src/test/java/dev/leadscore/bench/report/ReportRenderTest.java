package dev.leadscore.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadscore.bench.cli.CsvExport;
import dev.leadscore.bench.cli.LeadscoreCli;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.rules.RuleSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser shows it: headless Chromium (Debian's {@code chromium} package)
 * loads the page written by {@code report}; its DOM has the decision section before every other
 * section, the page's screenshot is not blank, and each chart, rendered on its own, draws its
 * series in their colours. Skipped when no Chromium is installed.
 */
class ReportRenderTest {
  @TempDir
  static Path dir;

  static String chromium;
  static Path html;

  @BeforeAll
  static void writeReport() throws IOException {
    chromium = findChromium();
    if (chromium == null) {
      return;
    }
    SyntheticData data = SyntheticPipeline.builder().size(400).seed(7).build().generate();
    boolean[] labels = new boolean[data.leads().size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.leads().get(i).converted();
    }
    Path leads = dir.resolve("leads.csv");
    Path events = dir.resolve("events.csv");
    CsvExport.write(data.unlabelled(), labels, leads, events);
    Path schema = dir.resolve("schema.json");
    Files.writeString(schema, SyntheticPipeline.defaultSchema().toJson());
    Path rules = dir.resolve("rules.json");
    Files.writeString(rules, RuleSet.syntheticDefault().toJson());
    html = dir.resolve("report.html");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = LeadscoreCli.run(new String[] {"report", "--data", leads.toString(), "--events", events.toString(),
        "--schema", schema.toString(), "--rules", rules.toString(), "--label-column", "converted",
        "--created-at-column", "created_at", "--as-of", "2026-01-01T00:00:00Z", "--lambdas", "0.1,1,10,100",
        "--bootstrap", "100", "-q", "--out", html.toString()}, new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }

  static String findChromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      for (String d : path.split(File.pathSeparator)) {
        File f = new File(d, name);
        if (f.isFile() && f.canExecute()) {
          return f.getAbsolutePath();
        }
      }
    }
    return null;
  }

  /** Runs headless Chromium with these arguments on a file; returns its standard output. */
  static String chromium(Path page, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "profile")));
    cmd.addAll(List.of(args));
    cmd.add(page.toUri().toString());
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s: " + cmd);
    }
    assertEquals(0, p.exitValue(), "chromium exit code for " + cmd);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void theDecisionComesFirstAndThePageIsNotBlank() throws Exception {
    assumeTrue(chromium != null, "no chromium on the PATH");
    String dom = chromium(html, "--dump-dom");
    int decision = dom.indexOf("<section id=\"decision\"");
    assertTrue(decision > 0, "the browser's DOM has the decision section");
    Matcher h2 = Pattern.compile("<h2[ >]").matcher(dom);
    assertTrue(h2.find());
    assertTrue(h2.start() > decision && h2.start() < dom.indexOf("</section>", decision),
        "the first section heading is the decision's");
    assertTrue(dom.substring(decision).startsWith("<section id=\"decision\" class=\"decision\">\n<h2>Decision: "), dom
        .substring(decision, decision + 120));

    Path png = dir.resolve("report.png");
    chromium(html, "--window-size=1200,900", "--screenshot=" + png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1200, img.getWidth());
    // The decision box's blue border is drawn in the first screen.
    assertTrue(count(img, 0x1f77b4, 20) > 500, "the decision box is on the first screen");
    assertTrue(nonWhiteShare(img) > 0.03, "the page is not blank");
  }

  @Test
  void everyChartRendersItsSeries() throws Exception {
    assumeTrue(chromium != null, "no chromium on the PATH");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<img src=\"(data:image/svg\\+xml;base64,[A-Za-z0-9+/=]+)\" alt=\"([^\"]*)\"")
        .matcher(page);
    // Every chart on one page, each in its own 800 x 500 slot, so one browser run renders them all.
    StringBuilder all = new StringBuilder("<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">");
    List<String> alts = new ArrayList<>();
    while (m.find()) {
      all.append("<div style=\"width:800px;height:500px;overflow:hidden\"><img src=\"").append(m.group(1))
          .append("\"></div>");
      alts.add(m.group(2));
    }
    all.append("</body></html>");
    assertEquals(9, alts.size());
    Path charts = dir.resolve("charts.html");
    Files.writeString(charts, all.toString());
    Path png = dir.resolve("charts.png");
    chromium(charts, "--window-size=800," + 500 * alts.size(), "--screenshot=" + png);
    BufferedImage img = ImageIO.read(png.toFile());
    for (int i = 0; i < alts.size(); i++) {
      BufferedImage slot = img.getSubimage(0, 500 * i, 800, 500);
      String alt = alts.get(i);
      // Importance bars are green, red or grey; every other chart draws the model in blue.
      int coloured = alt.contains("importance")
          ? count(slot, 0x1e7e34, 30) + count(slot, 0xb02a37, 30) + count(slot, 0x7f8c8d, 30)
          : count(slot, 0x1f77b4, 30);
      assertTrue(coloured > 150, "chart '" + alt + "' draws its series (" + coloured + " pixels in its colours)");
    }
  }

  /** Pixels within {@code tolerance} per channel of the colour. */
  static int count(BufferedImage img, int rgb, int tolerance) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  static double nonWhiteShare(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += (img.getRGB(x, y) & 0xffffff) < 0xf0f0f0 ? 1 : 0;
      }
    }
    return (double) n / (img.getWidth() * img.getHeight());
  }
}
