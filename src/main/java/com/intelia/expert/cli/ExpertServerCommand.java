package com.intelia.expert.cli;

import com.intelia.expert.config.ExpertConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** Dropwizard's {@code server}, reporting a failure to start as the other commands do (see {@link FailureReport}). */
public class ExpertServerCommand extends ServerCommand<ExpertConfiguration> {

    public ExpertServerCommand(Application<ExpertConfiguration> application) {
        super(application);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        FailureReport.addVerboseFlag(subparser);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        FailureReport.print(cli, namespace, "server", e, getConfiguration());
    }
}
