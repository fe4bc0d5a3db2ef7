package dev.leadscore.bench.cli;

import dev.leadscore.model.TrainingException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code leadscore-bench.jar}: {@code train}, {@code evaluate}, {@code score},
 * {@code report} and {@code demo} (and {@code jmh}, which {@link dev.leadscore.bench.Main} hands to
 * JMH before this parser sees it). Exit codes: 0 success (rows that could not be used are listed in
 * the errors file), 1 a failure reported in one message without a stack trace (bad input, a schema
 * that does not fit the data, too little data, a file that cannot be read or written), 2 a usage
 * error (an unknown or missing option). {@code -h}/{@code --help} work on every command (exit 0).
 */
@Command(name = "java -jar leadscore-bench.jar", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
    version = "leadscore-bench 0.1.0-SNAPSHOT",
    description = "Train, evaluate and apply leadscore models on CSV exports; run the demo and the benchmarks.",
    subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class,
        ReportCommand.class, MonitorCommand.class, RegistryCommand.class, CommandLine.HelpCommand.class},
    footer = {"  jmh       Run the JMH benchmarks with JMH's own options, e.g.",
        "              jmh -f 1 -wi 3 -i 5 (see leadscore-bench/RESULTS.md).",
        "", "Run 'java -jar leadscore-bench.jar help <command>' for a command's options."})
public final class LeadscoreCli implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Parses and runs one command line, writing to the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new LeadscoreCli());
    // -h and --help on every command, including ones added later, without repeating it in each
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!sub.getCommandSpec().optionsMap().containsKey("--help")) {
        sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build());
      }
    }
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      PrintWriter e = cmd.getErr();
      if (ex instanceof CliException || ex instanceof TrainingException || ex instanceof IllegalArgumentException) {
        e.println("error: " + ex.getMessage());
      } else if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
        e.println("error: " + (ex.getCause() instanceof java.io.IOException c ? Io.reason(c) : ex.getMessage()));
      } else {
        e.println("error: " + ex);
        ex.printStackTrace(e);
      }
      e.flush();
      return 1;
    });
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      // what filled the heap is garbage once the command has unwound, so this line can be printed
      String command = cl.getParseResult() != null && cl.getParseResult().subcommand() != null
          ? cl.getParseResult().subcommand().commandSpec().name() : "";
      cl.getErr().println("error: out of memory (maximum heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB)"
          + ("score".equals(command)
              ? "; 'score' streams the leads, but holds an events file that is not in the leads file's order in memory:"
                  + " sort the events by the leads' order, or give Java more heap (-Xmx)"
              : "; '" + command + "' holds its leads in memory: give Java more heap (-Xmx)"));
      code = 1;
    }
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }
}
