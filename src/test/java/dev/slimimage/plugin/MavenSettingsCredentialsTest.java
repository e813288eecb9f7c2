package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** A settings.xml server whose id is the registry host, its password plain or encrypted with Maven's own scheme. */
class MavenSettingsCredentialsTest {

    @TempDir
    Path tmp;

    private static Settings settings(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    private DefaultSettingsDecrypter decrypter(String master) throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = tmp.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + cipher.encryptAndDecorate(master, "settings.security")
                + "</master></settingsSecurity>");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), security.toString()));
    }

    @Test
    void plainPassword() throws Exception {
        Credentials found = new MavenSettingsCredentials(settings("127.0.0.1:5001", "ci", "pw"), decrypter("m"))
                .find("127.0.0.1:5001").orElseThrow();
        assertThat(found.username()).isEqualTo("ci");
        assertThat(found.secret()).isEqualTo("pw");
        assertThat(found.source()).isEqualTo("settings.xml server '127.0.0.1:5001'");
    }

    @Test
    void encryptedPasswordIsDecryptedWithTheMasterPassword() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate("the-real-password", "master-pw");
        assertThat(new MavenSettingsCredentials(settings("r.example.com", "ci", encrypted), decrypter("master-pw"))
                .find("r.example.com")).map(Credentials::secret).contains("the-real-password");
    }

    @Test
    void undecryptablePasswordIsOneSentence() throws Exception {
        String encrypted = new DefaultPlexusCipher().encryptAndDecorate("the-real-password", "another-master");
        assertThatThrownBy(() -> new MavenSettingsCredentials(settings("r.example.com", "ci", encrypted), decrypter("master-pw"))
                .find("r.example.com")).isInstanceOf(CredentialException.class).hasMessageContaining("could not be decrypted")
                .hasMessageNotContaining("the-real-password");
    }

    @Test
    void otherServersAndNoSettingsGiveNothing() throws Exception {
        assertThat(new MavenSettingsCredentials(settings("nexus", "ci", "pw"), decrypter("m")).find("r.example.com")).isEmpty();
        assertThat(new MavenSettingsCredentials(null, null).find("r.example.com")).isEmpty();
    }

    @Test
    void serverWithoutPassword() throws Exception {
        assertThatThrownBy(() -> new MavenSettingsCredentials(settings("r.example.com", "ci", null), decrypter("m"))
                .find("r.example.com")).isInstanceOf(CredentialException.class).hasMessageContaining("has no <password>");
    }
}
