package dev.leadscore.core.ops;

import dev.leadscore.core.RowError;
import java.util.List;
import java.util.Optional;

/**
 * What {@link AccountRollup#rollUp} produced: the accounts, highest probability first (ties by
 * key), and one {@link RowError} per input row that is in no account, with its 0-based index into
 * the input list and why (no account key, an excluded key, a duplicate lead id, a null row, or a
 * lead that could not be scored). Nothing is dropped silently: the accounts' lead counts plus the
 * unassigned rows add up to the rows passed in ({@link #assignedLeads()} {@code +
 * unassigned().size()}).
 *
 * <p>Immutable record (the lists are unmodifiable copies), safe to share between threads.
 *
 * @param accounts the accounts, by probability descending, then key
 * @param unassigned the rows in no account, in input order
 */
public record AccountRollupResult(List<AccountScore> accounts, List<RowError> unassigned) {
  /**
   * Copies both lists.
   *
   * @param accounts the accounts, by probability descending, then key
   * @param unassigned the rows in no account, in input order
   */
  public AccountRollupResult {
    accounts = List.copyOf(accounts);
    unassigned = List.copyOf(unassigned);
  }

  /** {@return how many leads are in some account} */
  public int assignedLeads() {
    int n = 0;
    for (AccountScore a : accounts) {
      n += a.leadCount();
    }
    return n;
  }

  /**
   * The account with that key (as normalised by the rollup), if any.
   *
   * @param key the account key
   * @return the account, or empty
   */
  public Optional<AccountScore> account(String key) {
    for (AccountScore a : accounts) {
      if (a.key().equals(key)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
