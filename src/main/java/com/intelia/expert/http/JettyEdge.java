package com.intelia.expert.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What the server does with a request before any application code sees it, set on Dropwizard's Jetty server as it
 * starts: errors Jetty raises itself answer JSON ({@link JsonServerErrorHandler}), bodies are received in full and
 * bounded ({@link RequestBodyHandler}, inside Dropwizard's GzipHandler so that it counts inflated bytes), and
 * connections whose headers trickle in are closed ({@link SlowHeadersWatchdog}).
 */
public class JettyEdge implements LifeCycle.Listener {

    private final RequestBodyHandler bodies;
    private final SlowHeadersWatchdog headers;

    public JettyEdge(RequestBodyHandler bodies, SlowHeadersWatchdog headers) {
        this.bodies = bodies;
        this.headers = headers;
    }

    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (!(event instanceof Server server)) {
            return;
        }
        server.setErrorHandler(new JsonServerErrorHandler());
        Handler.Wrapper last = server;
        while (last.getHandler() instanceof Handler.Wrapper wrapper) {
            last = wrapper;
        }
        bodies.setHandler(last.getHandler());
        last.setHandler(bodies);
        server.addBean(headers, true);
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.addEventListener(headers);
            }
        }
    }
}
