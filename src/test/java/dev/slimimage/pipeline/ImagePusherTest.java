package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.docker.PushFailedException;
import dev.slimimage.registry.CredentialResolver;
import dev.slimimage.registry.Credentials;
import dev.slimimage.testing.FakeDockerDaemon;
import dev.slimimage.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push pipeline against a fake daemon: what it pushes, with which credentials, and what image.json then says. */
class ImagePusherTest {

    private static final String IMAGE = "r.example.com/team/app:1";
    private static final String LATEST = "r.example.com/team/app:latest";

    @TempDir
    Path tmp;

    private final FakeDockerDaemon daemon = new FakeDockerDaemon();
    private final RecordingLog log = new RecordingLog();

    private PushRequest request(CredentialResolver credentials) {
        return new PushRequest(tmp, IMAGE, Optional.empty(), credentials);
    }

    private String built() throws Exception {
        String id = daemon.addImage(1000, Map.of(), IMAGE, LATEST);
        new ImageJson(IMAGE, List.of(IMAGE, LATEST), id, Map.of()).write(tmp.resolve(ImageJson.FILE));
        return id;
    }

    @Test
    void pushesEveryTagAndRecordsEachDigest() throws Exception {
        String id = built();
        Credentials credentials = new Credentials("ci", "hunter2-secret", "settings.xml server 'r.example.com'");
        ImageJson result = new ImagePusher(daemon.connector()).push(request(new CredentialResolver(List.of(r -> Optional.of(credentials)))), log);

        assertThat(daemon.pushes).containsOnlyKeys(IMAGE, LATEST);
        assertThat(daemon.pushes.get(IMAGE)).contains(credentials);
        String digest = "sha256:" + "d".repeat(64);
        assertThat(result.pushed()).containsEntry(IMAGE, digest).containsEntry(LATEST, digest);
        ImageJson written = ImageJson.read(tmp.resolve(ImageJson.FILE));
        assertThat(written.imageId()).isEqualTo(id);
        assertThat(written.pushed()).isEqualTo(result.pushed());
        assertThat(log.text()).contains("Pushing " + IMAGE + " to r.example.com with the credentials from settings.xml server 'r.example.com'")
                .contains("Pushed " + IMAGE + "@" + digest).contains("BUILD abc123: Pushed").doesNotContain("hunter2");
        assertThat(Files.readString(tmp.resolve(ImageJson.FILE))).doesNotContain("hunter2")
                .contains("\"pinned\" : \"r.example.com/team/app@" + digest + "\"");
    }

    @Test
    void withoutCredentialsTheLogSaysSo() throws Exception {
        built();
        new ImagePusher(daemon.connector()).push(request(CredentialResolver.none()), log);
        assertThat(log.text()).contains("without credentials (none found for r.example.com");
    }

    @Test
    void notBuiltYet() {
        assertThatThrownBy(() -> new ImagePusher(daemon.connector()).push(request(CredentialResolver.none()), log))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("has not been built yet").hasMessageContaining("mvn package slim:push");
        assertThat(daemon.pushes).isEmpty();
    }

    @Test
    void builtButRemovedFromTheDaemon() throws Exception {
        new ImageJson(IMAGE, List.of(IMAGE), "sha256:" + "a".repeat(64), Map.of()).write(tmp.resolve(ImageJson.FILE));
        assertThatThrownBy(() -> new ImagePusher(daemon.connector()).push(request(CredentialResolver.none()), log))
                .isInstanceOf(PushFailedException.class).hasMessageContaining("no longer on the Docker daemon");
    }

    @Test
    void imageJsonOfAnotherImage() throws Exception {
        String id = daemon.addImage(1000, Map.of(), "other:1");
        new ImageJson("other:1", List.of("other:1"), id, Map.of()).write(tmp.resolve(ImageJson.FILE));
        assertThatThrownBy(() -> new ImagePusher(daemon.connector()).push(request(CredentialResolver.none()), log))
                .isInstanceOf(PushFailedException.class).hasMessageContaining("The last build made other:1, not " + IMAGE);
    }

    @Test
    void aFailedPushLeavesOnlyWhatWasPushedInImageJson() throws Exception {
        built();
        new ImageJson(IMAGE, List.of(IMAGE, LATEST), daemon.inspect(IMAGE).orElseThrow().id(), Map.of(IMAGE, "sha256:old"))
                .write(tmp.resolve(ImageJson.FILE));
        daemon.pushBehaviour = (reference, credentials, progress) -> {
            if (reference.equals(LATEST)) {
                throw new PushFailedException("refused", null);
            }
            return "sha256:" + "e".repeat(64);
        };
        assertThatThrownBy(() -> new ImagePusher(daemon.connector()).push(request(CredentialResolver.none()), log))
                .isInstanceOf(PushFailedException.class);
        assertThat(ImageJson.read(tmp.resolve(ImageJson.FILE)).pushed()).containsExactly(Map.entry(IMAGE, "sha256:" + "e".repeat(64)));
        assertThat(log.text()).doesNotContain("Pushed " + LATEST);
    }
}
