package dev.slimimage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Docker's credential helper protocol: {@code docker-credential-<name> get} reads the server on standard input and
 * writes {@code {"ServerURL":…,"Username":…,"Secret":…}}; "credentials not found" means it has none.
 *
 * @param environment the environment whose PATH finds the helper (and that the helper runs in)
 */
public record CredentialHelper(Map<String, String> environment) {

    static final long TIMEOUT_SECONDS = 30;

    public CredentialHelper {
        environment = Map.copyOf(environment);
    }

    /**
     * @param source how the log names this helper
     */
    public Optional<Credentials> get(String name, String registry, String source) throws CredentialException {
        String program = "docker-credential-" + name;
        Path executable = onPath(program).orElseThrow(() -> new CredentialException("The Docker config names the credential "
                + "helper " + program + " but it is not on the PATH: install it, or remove it from credHelpers/credsStore in the "
                + "Docker config, or give credentials with slim.registry.username/password."));
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        String output;
        int exit;
        try {
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(RegistryHost.configKey(registry).getBytes(StandardCharsets.UTF_8));
            } catch (IOException helperDidNotRead) {
                // A helper that exits without reading the server still answers through its exit code and output.
            }
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CredentialException("The credential helper " + program + " did not answer within " + TIMEOUT_SECONDS
                        + " seconds: check that it works (echo " + registry + " | " + program + " get).");
            }
            exit = process.exitValue();
            output = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CredentialException("The credential helper " + program + " could not be run (" + e.getMessage()
                    + "): check that " + executable + " is executable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException("Interrupted while asking the credential helper " + program + ".");
        }
        if (exit != 0) {
            if (output.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            // The helper's output could echo a secret; it is not repeated.
            throw new CredentialException("The credential helper " + program + " failed (exit " + exit + ") for " + registry
                    + ": check it with echo " + registry + " | " + program + " get, or log in again with docker login " + registry + ".");
        }
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(output);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.hasNonNull("Secret") || !answer.hasNonNull("Username")) {
            throw new CredentialException("The credential helper " + program + " gave no Username and Secret for " + registry
                    + ": check it with echo " + registry + " | " + program + " get.");
        }
        return Optional.of(new Credentials(answer.get("Username").asText(), answer.get("Secret").asText(), source));
    }

    private Optional<Path> onPath(String program) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
