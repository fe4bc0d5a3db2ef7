/**
 * Reading and writing leads: {@link dev.leadscore.core.io.LeadJson} for JSON (an array of lead
 * objects or newline-delimited JSON), {@link dev.leadscore.core.io.LeadCsvReader} for CRM
 * exports in CSV (with an optional second CSV of activity events read by {@link
 * dev.leadscore.core.io.EventCsvReader}), and {@link dev.leadscore.core.io.ReadResult} for what a
 * batch read produced.
 *
 * <p>All readers stream: they hold one record at a time plus the leads they have already
 * accepted. Batch reads never stop at a bad row: each row that cannot be used becomes one {@link
 * dev.leadscore.core.RowError} whose {@code row} is the 1-based physical line number where the
 * problem is (for CSV: where the row starts) and whose message starts with that line, names the
 * lead when its id was readable, the field and the value. Malformed CSV costs only its own row (an
 * unclosed quote's row is rejected and reading resumes on the next line); only a syntax error that
 * makes the rest of a JSON input unreadable (a broken array) ends a read early, and it too is
 * reported as a row error. {@link dev.leadscore.core.io.LeadCsvReader#streamWithEvents} joins an
 * events file sorted like the leads file in constant memory.
 */
package dev.leadscore.core.io;
