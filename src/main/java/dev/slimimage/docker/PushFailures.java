package dev.slimimage.docker;

import dev.slimimage.registry.Credentials;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the registry's error text, as the daemon passes it on, into one sentence with the fix. docker-java does not
 * throw for these: the daemon reports them in the push stream's error detail.
 */
final class PushFailures {

    private PushFailures() {
    }

    /**
     * @param doing "pushing app:1" or "pulling base:1", for the sentence
     * @param registry the registry host (host:port)
     * @param detail the registry's error text as the daemon reports it
     */
    static DockerException failure(String doing, String reference, String registry, Optional<Credentials> credentials,
            String detail) {
        String reason = detail == null || detail.isBlank() ? "no reason given" : detail.strip();
        String lower = reason.toLowerCase(Locale.ROOT);
        String prefix = "The registry " + registry + " refused " + doing + " (" + reason + "): ";
        if (lower.contains("x509") || lower.contains("certificate")) {
            return new PushFailedException("The Docker daemon does not trust the TLS certificate of the registry " + registry + " ("
                    + reason + "): put the registry's CA certificate in /etc/docker/certs.d/" + registry + "/ca.crt on the "
                    + "daemon's machine (no restart needed), or ask the registry's owner for a certificate from a trusted CA.", null);
        }
        if (lower.contains("server gave http response to https client")) {
            return new PushFailedException(prefix + "the registry speaks plain HTTP; give it TLS, or add \"" + registry
                    + "\" to insecure-registries in /etc/docker/daemon.json and restart the daemon.", null);
        }
        if (lower.contains("no basic auth credentials") || (credentials.isEmpty() && (lower.contains("unauthorized")
                || lower.contains("authentication required")))) {
            return new PushFailedException(prefix.replace("refused", "needs credentials for") + "no credentials were found for "
                    + registry + "; give them with -Dslim.registry.username=… -Dslim.registry.password=…, a <server> with id "
                    + registry + " in settings.xml, or docker login " + registry + ".", null);
        }
        if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("incorrect username")) {
            return new PushFailedException(prefix + "the credentials from " + credentials.get().source() + " were not accepted; "
                    + "fix the user name and password there.", null);
        }
        if (lower.contains("http 405") || lower.contains("method not allowed") || lower.equals("unsupported")
                || lower.contains("operation is unsupported")) {
            // Measured on docker-registry 2.8: read-only (maintenance) mode answers an upload with a plain-text 405 the
            // daemon cannot parse; a pull-through cache answers UNSUPPORTED, which the daemon passes on as "unsupported" after its retries.
            return new PushFailedException(prefix + "the registry does not accept pushes at all (it is read-only, e.g. in "
                    + "maintenance mode, or a pull-through cache); push to a registry that accepts pushes, in <image> or "
                    + "<tags>, or ask the owner of " + registry + " to make it writable.", null);
        }
        if (lower.contains("denied") || lower.contains("name invalid") || lower.contains("name_invalid")
                || lower.contains("name unknown") || lower.contains("repository name")) {
            return new PushFailedException(prefix + "choose a repository the registry accepts and that your user "
                    + (credentials.map(c -> "(from " + c.source() + ") ").orElse("") + "may write to, in <image> or <tags>."),
                    null);
        }
        if (lower.contains("connection refused") || lower.contains("no such host") || lower.contains("i/o timeout")
                || lower.contains("dial tcp") || lower.contains("network is unreachable") || lower.contains("no route to host")
                || lower.contains("timeout")) {
            return new RegistryUnreachableException("The Docker daemon could not reach the registry " + registry + " while "
                    + doing + " (" + reason + "): check that the registry runs and that " + registry + " is the right host:port "
                    + "in " + reference + ".", null);
        }
        return new PushFailedException(prefix + "fix what the registry names, or push by hand with docker push " + reference
                + " to see more.", null);
    }
}
