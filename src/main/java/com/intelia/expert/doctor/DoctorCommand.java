package com.intelia.expert.doctor;

import com.intelia.expert.cli.CommandFailure;
import com.intelia.expert.cli.FailureReport;
import com.intelia.expert.config.ExpertConfiguration;
import com.intelia.expert.openai.OpenAiGateway;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code doctor config.yml}: the post-deployment checklist, one line per check with ok or FAIL and the
 * remedy; exits non-zero when anything fails. Unlike {@code check}, it reads a configuration that does
 * not validate, so that every problem is reported in one run.
 */
public class DoctorCommand extends Command {

    public DoctorCommand() {
        super("doctor", "Run the post-deployment checklist against the configured databases and services");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("file").nargs("?").help("application configuration file");
        subparser.addArgument("--health-url").dest("healthUrls").action(Arguments.append())
                .help("health URL of a running instance to check as well (repeatable)");
        FailureReport.addVerboseFlag(subparser);
        subparser.addArgument("--instances").dest("instances").type(Integer.class)
                .help("how many instances of the service share the database (default: INSTANCE_COUNT, else 1)");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(Bootstrap<?> wildcard, Namespace namespace) throws Exception {
        Bootstrap<ExpertConfiguration> bootstrap = (Bootstrap<ExpertConfiguration>) wildcard;
        ConfigurationFactory<ExpertConfiguration> factory = bootstrap.getConfigurationFactoryFactory()
                .create(ExpertConfiguration.class, null, bootstrap.getObjectMapper(), "dw");
        String file = namespace.getString("file");
        if (file == null) {
            throw FailureReport.missingArgument("FILE (the configuration file, e.g. config.yml)",
                    "doctor config.yml [--health-url URL]");
        }
        ExpertConfiguration config = factory.build(bootstrap.getConfigurationSourceProvider(), file);
        List<URI> healthUrls = new ArrayList<>();
        List<String> given = namespace.getList("healthUrls");
        if (given != null) {
            given.forEach(url -> healthUrls.add(URI.create(url)));
        }
        Client http = ClientBuilder.newBuilder().connectTimeout(3, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build();
        ManagedDataSource[] dataSource = new ManagedDataSource[1];
        try {
            PostDeployChecklist checklist = new PostDeployChecklist(config, () -> {
                if (dataSource[0] == null) {
                    DataSourceFactory pool = config.getPostgres().dataSourceFactory();
                    // no connection opened up front: a server that is down is its check's FAIL line, not the
                    // pool's ERROR and stack trace at start-up
                    pool.setInitialSize(0);
                    pool.setMinSize(0);
                    dataSource[0] = pool.build(bootstrap.getMetricRegistry(), "doctor");
                }
                return dataSource[0];
            }, new OpenAiGateway(http, config.getOpenai().getBaseUrl(), config.getOpenai().getApiKey()), http,
                    instances(namespace.getInt("instances"), config.getPostgres().getInstanceCount()));
            List<CheckResult> results = checklist.run(healthUrls);
            results.forEach(result -> System.out.println(result.line()));
            long failed = results.stream().filter(CheckResult::failed).count();
            if (failed > 0) {
                throw new CommandFailure(failed + " of " + results.size() + " checks failed",
                        "act on the FAIL lines above, then run doctor again");
            }
            System.out.println(summary(results));
        } finally {
            http.close();
            if (dataSource[0] != null) {
                dataSource[0].stop();
            }
        }
    }

    /**
     * The last line when nothing failed: "All N checks passed" only when every check ran and was ok; otherwise the
     * counts, so that a WARN (a read node that is not reachable, say) is not hidden behind "passed".
     */
    static String summary(List<CheckResult> results) {
        Map<CheckResult.Outcome, Long> counts = results.stream()
                .collect(Collectors.groupingBy(CheckResult::outcome, () -> new EnumMap<>(CheckResult.Outcome.class),
                        Collectors.counting()));
        long ok = counts.getOrDefault(CheckResult.Outcome.OK, 0L);
        if (ok == results.size()) {
            return "All " + results.size() + " checks passed";
        }
        long warnings = counts.getOrDefault(CheckResult.Outcome.WARN, 0L);
        long skipped = counts.getOrDefault(CheckResult.Outcome.SKIPPED, 0L);
        return "No check failed: " + ok + " ok" + (warnings > 0 ? ", " + warnings + " warning(s) (see WARN above)" : "")
                + (skipped > 0 ? ", " + skipped + " skipped" : "") + " of " + results.size();
    }

    /** The --instances flag, else INSTANCE_COUNT; a malformed INSTANCE_COUNT is reported by the configuration check. */
    static int instances(Integer flag, String variable) {
        if (flag != null) {
            if (flag < 1) {
                throw new CommandFailure("--instances must be 1 or more", "give the number of instances that share the database");
            }
            return flag;
        }
        try {
            return Math.max(1, Integer.parseInt(variable == null ? "1" : variable.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "doctor", e, null);
    }
}
