/*
 * Behaviour fingerprint of leadscore, for proving that a refactor changes nothing.
 *
 * Single-file source program (Java 11+ source launch; not part of any Maven build):
 *
 *   java -cp <leadscore jars + deps> Fingerprint.java [--dump DIR] [--xeducation CSV | --no-xeducation]
 *       [--examples DIR]
 *
 * or use fingerprint.sh next to this file. Prints one line per component:
 *
 *   <name> <sha256 hex> <count>
 *
 * and, with --dump DIR, writes DIR/<name>.txt with the raw values (one per line, doubles as
 * Double.toString; strings with \n, \r and \\ escaped; null as <null>), for compare.py.
 *
 * Uses only the stable public API. ModelScorer is looked up by reflection (it is moving from
 * dev.leadscore.explain to dev.leadscore.model) and used through dev.leadscore.core.LeadScorer.
 * Everything is deterministic: fixed seeds, fixed asOf, no clock.
 */

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Fingerprint {

  // ------------------------------------------------------------------ fixed inputs
  static final Instant SYNTH_AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  static final int HISTORY_SIZE = 800;
  static final long HISTORY_SEED = 42;
  static final int FRESH_SIZE = 2000;
  static final long FRESH_SEED = 20260101L;

  static final String XED_ID = "Prospect ID";
  static final String XED_LABEL = "Converted";
  static final String XED_POSITIVE = "1";
  /** The X Education schema has no event features; the CLI then extracts at the epoch. */
  static final Instant XED_AS_OF = Instant.EPOCH;

  // ------------------------------------------------------------------ one component
  /** A SHA-256 over a typed, length-prefixed stream of values, plus an optional text dump. */
  static final class Component implements AutoCloseable {
    final String name;
    final MessageDigest md;
    final BufferedWriter dump;
    long count;

    Component(String name, Path dumpDir) throws IOException {
      this.name = name;
      try {
        this.md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.dump = dumpDir == null ? null : Files.newBufferedWriter(dumpDir.resolve(name + ".txt"), StandardCharsets.UTF_8);
    }

    void tag(byte t) {
      md.update(t);
    }

    void dbl(double v) throws IOException {
      tag((byte) 'D');
      long bits = Double.doubleToRawLongBits(v);
      for (int i = 7; i >= 0; i--) {
        md.update((byte) (bits >>> (8 * i)));
      }
      if (dump != null) {
        dump.write(Double.toString(v));
        dump.write('\n');
      }
    }

    void str(String s) throws IOException {
      if (s == null) {
        tag((byte) 'N');
        if (dump != null) {
          dump.write("<null>\n");
        }
        return;
      }
      tag((byte) 'S');
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      intBytes(b.length);
      md.update(b);
      if (dump != null) {
        dump.write(escape(s));
        dump.write('\n');
      }
    }

    void integer(long v) throws IOException {
      tag((byte) 'I');
      for (int i = 7; i >= 0; i--) {
        md.update((byte) (v >>> (8 * i)));
      }
      if (dump != null) {
        dump.write(Long.toString(v));
        dump.write('\n');
      }
    }

    private void intBytes(int v) {
      for (int i = 3; i >= 0; i--) {
        md.update((byte) (v >>> (8 * i)));
      }
    }

    /** Hashes text as-is (UTF-8) and dumps it verbatim. */
    void rawText(String text) throws IOException {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      md.update(b);
      if (dump != null) {
        dump.write(text);
      }
    }

    String line() {
      StringBuilder sb = new StringBuilder();
      for (byte b : md.digest()) {
        sb.append(String.format("%02x", b & 0xff));
      }
      return name + " " + sb + " " + count;
    }

    @Override
    public void close() throws IOException {
      if (dump != null) {
        dump.close();
      }
    }
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  // ------------------------------------------------------------------ main
  public static void main(String[] args) throws Exception {
    Path dumpDir = null;
    Path xed = Path.of("/work/shared/data/xeducation-leads/Leads.csv");
    Path examples = null;
    boolean doXed = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dump": dumpDir = Path.of(args[++i]); break;
        case "--xeducation": xed = Path.of(args[++i]); break;
        case "--no-xeducation": doXed = false; break;
        case "--examples": examples = Path.of(args[++i]); break;
        default:
          System.err.println("usage: Fingerprint [--dump DIR] [--xeducation Leads.csv | --no-xeducation] [--examples DIR]");
          System.exit(2);
      }
    }
    if (examples == null) {
      examples = Path.of("leadscore-bench/examples");
    }
    if (dumpDir != null) {
      Files.createDirectories(dumpDir);
    }
    long t0 = System.nanoTime();
    List<String> lines = new ArrayList<>();

    // ---------------------------------------------------------------- synthetic
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    SyntheticData history = SyntheticPipeline.builder().size(HISTORY_SIZE).seed(HISTORY_SEED).asOf(SYNTH_AS_OF).build().generate();
    SyntheticData fresh = SyntheticPipeline.builder().size(FRESH_SIZE).seed(FRESH_SEED).asOf(SYNTH_AS_OF).build().generate();
    FittedSchema fitted = schema.fit(history.unlabelled());
    List<Lead> freshLeads = fresh.unlabelled();
    lines.add(vectors("synthetic-vectors", fitted, freshLeads, fresh.asOf(), dumpDir));

    TrainedModel model = new ModelTrainer().train(schema, history.leads(), history.asOf(), TrainingOptions.defaults());
    LeadScorer modelScorer = modelScorer(model);
    lines.add(scores("synthetic-model-scores", modelScorer, freshLeads, fresh.asOf(), dumpDir));
    lines.add(scores("synthetic-rule-scores", RuleScorer.of(RuleSet.syntheticDefault(), fitted), freshLeads, fresh.asOf(), dumpDir));
    lines.add(artifact("synthetic-artifact", model, dumpDir));
    System.err.printf("fingerprint: synthetic done in %.1f s (ModelScorer = %s)%n", (System.nanoTime() - t0) / 1e9,
        modelScorer.getClass().getName());

    // ---------------------------------------------------------------- X Education
    if (doXed) {
      FeatureSchema xs = FeatureSchema.read(examples.resolve("xeducation-schema.json"));
      RuleSet xr = RuleSet.read(examples.resolve("xeducation-rules.json"));
      if (!xs.eventTypes().isEmpty()) {
        throw new IllegalStateException("the X Education schema now has event features; fix XED_AS_OF");
      }
      ReadResult r = LeadCsvReader.builder().idColumn(XED_ID).labelColumn(XED_LABEL, XED_POSITIVE).build().read(xed);
      List<LabelledLead> labelled = new ArrayList<>(r.labelled());
      // Like the CLI (LeadInput.screened): drop leads the schema cannot read, refit until it fits.
      Map<String, String> rejected = new LinkedHashMap<>();
      FittedSchema xf;
      while (true) {
        List<Lead> leads = new ArrayList<>();
        for (LabelledLead l : labelled) {
          leads.add(l.lead());
        }
        try {
          xf = xs.fit(leads);
          break;
        } catch (LeadDataException e) {
          String id = e.leadId();
          if (id == null || !labelled.removeIf(l -> l.lead().id().equals(id))) {
            throw e;
          }
          rejected.put(id, e.getMessage());
        }
      }
      double[] row = new double[xf.width()];
      List<LabelledLead> kept = new ArrayList<>();
      for (LabelledLead l : labelled) {
        try {
          xf.extract(l.lead(), XED_AS_OF, row);
          kept.add(l);
        } catch (LeadDataException e) {
          rejected.put(l.lead().id(), e.getMessage());
        }
      }
      if (!rejected.isEmpty()) {
        // the CLI fits its schema on the screened leads, which the trainer then refits
        List<Lead> leads = new ArrayList<>();
        for (LabelledLead l : kept) {
          leads.add(l.lead());
        }
        xf = xs.fit(leads);
      }
      List<Lead> xLeads = new ArrayList<>();
      for (LabelledLead l : kept) {
        xLeads.add(l.lead());
      }
      System.err.printf("fingerprint: X Education %d rows read, %d reader errors, %d rejected by the schema, %d used%n",
          r.rowsRead(), r.errors().size(), rejected.size(), kept.size());

      try (Component c = new Component("x-education-input", dumpDir)) {
        c.integer(r.rowsRead());
        for (LabelledLead l : kept) {
          c.str(l.lead().id());
          c.str(l.converted() ? "1" : "0");
          c.count++;
        }
        for (RowError e : r.errors()) {
          c.str("error");
          c.integer(e.row());
          c.str(e.leadId());
          c.str(e.field());
          c.str(e.message());
        }
        for (Map.Entry<String, String> e : rejected.entrySet()) {
          c.str("rejected");
          c.str(e.getKey());
          c.str(e.getValue());
        }
        lines.add(c.line());
      }
      lines.add(vectors("x-education-vectors", xf, xLeads, XED_AS_OF, dumpDir));
      TrainedModel xm = new ModelTrainer().train(xs, kept, XED_AS_OF, TrainingOptions.defaults());
      lines.add(scores("x-education-model-scores", modelScorer(xm), xLeads, XED_AS_OF, dumpDir));
      lines.add(scores("x-education-rule-scores", RuleScorer.of(xr, xf), xLeads, XED_AS_OF, dumpDir));
      lines.add(artifact("x-education-artifact", xm, dumpDir));
    }

    for (String l : lines) {
      System.out.println(l);
    }
    System.err.printf("fingerprint: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  // ------------------------------------------------------------------ ModelScorer by reflection
  static LeadScorer modelScorer(TrainedModel model) throws ReflectiveOperationException {
    String[] names = {"dev.leadscore.model.ModelScorer", "dev.leadscore.explain.ModelScorer"};
    for (String n : names) {
      Class<?> c;
      try {
        c = Class.forName(n);
      } catch (ClassNotFoundException e) {
        continue;
      }
      Method of = c.getMethod("of", TrainedModel.class);
      try {
        return (LeadScorer) of.invoke(null, model);
      } catch (InvocationTargetException e) {
        Throwable t = e.getCause();
        if (t instanceof RuntimeException) {
          throw (RuntimeException) t;
        }
        throw e;
      }
    }
    throw new ClassNotFoundException("ModelScorer not found as any of " + String.join(", ", names));
  }

  // ------------------------------------------------------------------ components
  static String vectors(String name, FittedSchema fitted, List<Lead> leads, Instant asOf, Path dumpDir) throws IOException {
    try (Component c = new Component(name, dumpDir)) {
      for (Lead l : leads) {
        double[] x = fitted.extract(l, asOf);
        for (double v : x) {
          c.dbl(v);
          c.count++;
        }
      }
      return c.line();
    }
  }

  static String scores(String name, LeadScorer scorer, List<Lead> leads, Instant asOf, Path dumpDir) throws IOException {
    try (Component c = new Component(name, dumpDir)) {
      c.str(scorer.modelId());
      c.str(scorer.modelVersion());
      for (Lead l : leads) {
        Score s = scorer.score(l, asOf, LeadScorer.Detail.EXPLAINED);
        c.count++;
        c.str(s.leadId());
        c.dbl(s.probability());
        c.dbl(s.score());
        c.str(s.tier().name());
        c.str(s.modelId());
        c.str(s.modelVersion());
        Explanation e = s.explanation().orElse(null);
        if (e == null) {
          c.str("<no explanation>");
          continue;
        }
        c.str(e.unit());
        c.dbl(e.baseValue());
        reasons(c, "contributions", e.contributions());
        reasons(c, "top", e.topReasons());
        reasons(c, "risks", e.risks());
      }
      return c.line();
    }
  }

  static void reasons(Component c, String label, List<Reason> rs) throws IOException {
    c.str(label);
    c.integer(rs.size());
    for (Reason r : rs) {
      c.str(r.feature());
      c.str(r.family());
      c.dbl(r.contribution());
      c.str(r.text());
      c.str(r.value());
    }
  }

  static String artifact(String name, TrainedModel model, Path dumpDir) throws IOException {
    String json = ModelArtifact.write(model);
    try (Component c = new Component(name, dumpDir)) {
      c.rawText(json);
      c.count = json.getBytes(StandardCharsets.UTF_8).length;
      return c.line();
    }
  }
}
