import dev.leadscore.bench.cli.CsvExport;
import dev.leadscore.core.Lead;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a large synthetic leads CSV and its events CSV (as the demo's new-leads.csv and
 * new-events.csv, events grouped by lead in the leads' order) for measuring the streaming score:
 *
 * <pre>
 * java -cp leadscore-bench/target/leadscore-bench.jar leadscore-bench/tools/GenerateLeads.java 1000000 /tmp/big [seed]
 * </pre>
 *
 * Generated in chunks of at most 200,000 leads (one pipeline per chunk, seeds seed, seed+1, ...),
 * ids {@code G<chunk>-<n>}, so memory stays small whatever the total.
 */
public class GenerateLeads {
  public static void main(String[] args) throws Exception {
    int total = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    Files.createDirectories(dir);
    Path leads = dir.resolve("leads.csv");
    Path events = dir.resolve("events.csv");
    String leadsHeader = null;
    try (BufferedWriter lw = Files.newBufferedWriter(leads, StandardCharsets.UTF_8);
        BufferedWriter ew = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
      int chunk = 0;
      for (int done = 0; done < total; chunk++) {
        int n = Math.max(SyntheticPipeline.MIN_SIZE, Math.min(200_000, total - done));
        SyntheticData data = SyntheticPipeline.builder().size(n).seed(seed + chunk).build().generate();
        List<Lead> list = new ArrayList<>(n);
        for (Lead l : data.unlabelled()) {
          Lead.Builder b = Lead.builder("G" + chunk + "-" + l.id().substring(1));
          l.attributes().forEach(b::attribute);
          l.createdAt().ifPresent(b::createdAt);
          l.events().forEach(b::event);
          list.add(b.build());
        }
        Path tl = dir.resolve("chunk-leads.csv");
        Path te = dir.resolve("chunk-events.csv");
        CsvExport.write(list, null, tl, te);
        try (BufferedReader r = Files.newBufferedReader(tl, StandardCharsets.UTF_8)) {
          String h = r.readLine();
          if (leadsHeader == null) {
            leadsHeader = h;
            lw.write(h);
            lw.write('\n');
          } else if (!h.equals(leadsHeader)) {
            throw new IllegalStateException("chunk " + chunk + " has another header: " + h);
          }
          r.transferTo(lw);
        }
        try (BufferedReader r = Files.newBufferedReader(te, StandardCharsets.UTF_8)) {
          String h = r.readLine();
          if (chunk == 0) {
            ew.write(h);
            ew.write('\n');
          }
          r.transferTo(ew);
        }
        Files.delete(tl);
        Files.delete(te);
        done += n;
        System.err.println("  " + done + " leads written");
      }
    }
    System.out.println("Wrote " + leads + " (" + Files.size(leads) + " bytes) and " + events + " (" + Files.size(events)
        + " bytes)");
  }
}
