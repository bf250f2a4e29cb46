package com.intelia.expert.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of one class with this project's defaults (1 fork, 1 thread, 3 warm-up and 5 measured
 * iterations of 2 s each), any of which the command line (JMH's own options) overrides.
 */
final class JmhRun {

    private JmhRun() {
    }

    static void of(Class<?> benchmarks, String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        new Runner(new OptionsBuilder().parent(given)
                .include(benchmarks.getName() + "\\.")
                .forks(given.getForkCount().orElse(1))
                .threads(given.getThreads().orElse(1))
                .warmupIterations(given.getWarmupIterations().orElse(3))
                .warmupTime(given.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(given.getMeasurementIterations().orElse(5))
                .measurementTime(given.getMeasurementTime().orElse(TimeValue.seconds(2)))
                .build()).run();
    }
}
