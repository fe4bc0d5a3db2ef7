package dev.leadscore.core.internal;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The batch loop every scorer shares: score each lead on the calling thread, turn a null row or a
 * lead whose data cannot be used ({@link LeadDataException}) into a {@link RowError} with its
 * 0-based index, and go on, so that {@code results + errors} = rows in. Public only for the
 * core packages that use it ({@code LeadScorer}, {@code Experiment}); the package is not exported
 * to hosts. Stateless.
 */
public final class LeadBatches {
  private LeadBatches() {}

  /**
   * Scores every lead with {@code scoreOne}, in order.
   *
   * @param leads the rows; not modified
   * @param scoreOne scores one non-null lead, throwing {@link LeadDataException} for unusable data
   * @param results receives one result per lead scored, in row order
   * @return the rows that could not be scored, in row order
   */
  public static <S> List<RowError> scoreEach(List<Lead> leads, Function<Lead, S> scoreOne, List<S> results) {
    List<RowError> errors = new ArrayList<>();
    for (int i = 0; i < leads.size(); i++) {
      Lead lead = leads.get(i);
      if (lead == null) {
        errors.add(new RowError(i, null, null, "row " + i + " is null"));
        continue;
      }
      try {
        results.add(scoreOne.apply(lead));
      } catch (LeadDataException e) {
        errors.add(RowError.of(i, e));
      }
    }
    return errors;
  }
}
