package com.intelia.expert.postgres;

import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognizes a TLS failure anywhere in an error's cause chain, so that an untrusted or misnamed server
 * certificate is reported as such instead of as a lost connection (pgjdbc gives both SQLSTATE 08006).
 * The words name the variable to fix; no certificate, host detail or credential is repeated.
 */
public final class TlsFailures {

    private TlsFailures() {
    }

    public static Optional<String> describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("hostnameverifier") || message.contains("no subject alternative")) {
                return Optional.of("TLS: the server certificate does not name POSTGRES_HOST (verify-full checks the"
                        + " host name; use the host name DigitalOcean shows for the cluster)");
            }
            if (message.contains("could not open ssl root certificate") || message.contains("could not read ssl root")) {
                return Optional.of("TLS: the CA certificate of POSTGRES_CA_CERT cannot be read");
            }
            if (message.contains("server does not support ssl")) {
                return Optional.of("TLS: the server does not accept TLS connections (check POSTGRES_SSLMODE and POSTGRES_PORT)");
            }
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException
                    || message.contains("pkix") || message.contains("certificate verify")
                    || message.contains("certification path")) {
                return Optional.of("TLS: the server certificate is not trusted by POSTGRES_CA_CERT (set it to the"
                        + " CA certificate of this database cluster)");
            }
        }
        return Optional.empty();
    }
}
