package dev.leadscore.bench.cli;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.Move;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores leads with a model and writes one CSV row per scored lead, in input order: {@code
 * lead_id, probability, score, tier, action, top_reasons, risk_factors} (and {@code next_move}
 * when asked). Reasons and risk factors are the up to three largest positive and negative SHAP
 * contributions, restated in percentage points of probability and joined by {@code " | "}, e.g.
 * {@code "Requested a demo (1 requests in the last 90 days) (+14.2 pts)"}. Stateless.
 */
public final class ScoredCsv {
  /** The header. */
  public static final List<String> HEADER = List.of("lead_id", "probability", "score", "tier", "action", "top_reasons",
      "risk_factors");

  private ScoredCsv() {}

  /**
   * Scores and writes. Leads that cannot be scored are not written; they are in the result's
   * errors with their 0-based index.
   */
  public static BatchResult write(ModelScorer scorer, List<Lead> leads, Instant asOf, Path out, boolean moves)
      throws IOException {
    BatchResult batch = scorer.scoreAll(leads, asOf, Detail.EXPLAINED);
    java.util.Map<String, Lead> byId = new java.util.HashMap<>();
    if (moves) {
      for (Lead l : leads) {
        byId.put(l.id(), l);
      }
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>(HEADER);
      if (moves) {
        header.add("next_move");
      }
      w.write(Csv.line(header));
      for (Score s : batch.scores()) {
        Explanation pp = scorer.inPercentagePoints(s.explanation().orElseThrow());
        List<String> row = new ArrayList<>(header.size());
        row.add(s.leadId());
        row.add(String.format(Locale.ROOT, "%.4f", s.probability()));
        row.add(String.format(Locale.ROOT, "%.1f", s.score()));
        row.add(s.tier().label());
        row.add(s.tier().action());
        row.add(reasons(pp.topReasons()));
        row.add(reasons(pp.risks()));
        if (moves) {
          Optional<Move> m = scorer.nextTierMove(byId.get(s.leadId()), asOf);
          row.add(m.map(Move::sentence).orElse(""));
        }
        w.write(Csv.line(row));
      }
    }
    return batch;
  }

  static String reasons(List<Reason> reasons) {
    StringBuilder sb = new StringBuilder();
    for (Reason r : reasons) {
      if (sb.length() > 0) {
        sb.append(" | ");
      }
      sb.append(r.text()).append(String.format(Locale.ROOT, " (%+.1f pts)", r.contribution()));
    }
    return sb.toString();
  }
}
