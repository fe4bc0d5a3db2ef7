package dev.leadscore.bench;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The command line of {@code leadscore-bench.jar}: {@code demo} runs the README's main job,
 * {@code jmh} hands its arguments to the JMH runner. Not a library API.
 */
public final class Main {
  private Main() {}

  /** Entry point; exits non-zero on a usage error. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage(System.out);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        System.exit(Demo.run(rest, System.out, System.err));
        break;
      case "jmh":
        org.openjdk.jmh.Main.main(rest);
        break;
      default:
        System.err.println("unknown command '" + args[0] + "'");
        usage(System.err);
        System.exit(2);
    }
  }

  static void usage(PrintStream out) {
    out.println("usage: java -jar leadscore-bench.jar <command> [options]");
    out.println("  demo [--size N] [--seed S] [--out DIR]   generate the default synthetic pipeline, fit the");
    out.println("                                           default schema on the oldest 80 %, report signals");
    out.println("  jmh [JMH options]                        run the JMH benchmarks (e.g. jmh -f 1 -wi 3 -i 5)");
  }
}
