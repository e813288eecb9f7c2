package dev.slimimage.plugin;

import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.CredentialSource;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * A {@code <server>} in settings.xml whose id is the registry host (e.g. {@code registry.example.com} or
 * {@code 127.0.0.1:5001}); passwords encrypted with settings-security.xml are decrypted by Maven's own decrypter.
 */
final class MavenSettingsCredentials implements CredentialSource {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    MavenSettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public Optional<Credentials> find(String registry) throws CredentialException {
        if (settings == null) {
            return Optional.empty();
        }
        for (Server server : settings.getServers()) {
            if (server.getId() == null || !RegistryHost.normalize(server.getId()).equals(registry)) {
                continue;
            }
            Server decrypted = server;
            if (decrypter != null) {
                SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
                for (SettingsProblem problem : result.getProblems()) {
                    if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                        throw new CredentialException("The password of the <server> '" + server.getId() + "' in settings.xml could "
                                + "not be decrypted: check ~/.m2/settings-security.xml (the master password) or encrypt the "
                                + "password again with mvn --encrypt-password.");
                    }
                }
                decrypted = result.getServer();
            }
            String source = "settings.xml server '" + server.getId() + "'";
            if (decrypted.getUsername() == null || decrypted.getUsername().isBlank() || decrypted.getPassword() == null) {
                throw new CredentialException("The <server> '" + server.getId() + "' in settings.xml has no "
                        + (decrypted.getUsername() == null || decrypted.getUsername().isBlank() ? "<username>" : "<password>")
                        + ": add it, or remove the server to use the Docker config.");
            }
            return Optional.of(new Credentials(decrypted.getUsername(), decrypted.getPassword(), source));
        }
        return Optional.empty();
    }
}
