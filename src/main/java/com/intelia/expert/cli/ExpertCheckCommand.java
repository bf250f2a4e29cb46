package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.cli.Cli;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** Dropwizard's {@code check}, reporting a configuration that does not validate as the other commands do. */
public class ExpertCheckCommand extends CheckCommand<ExpertConfiguration> {

    public ExpertCheckCommand(Application<ExpertConfiguration> application) {
        super(application);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        FailureReport.addVerboseFlag(subparser);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "check", e, getConfiguration());
    }
}
