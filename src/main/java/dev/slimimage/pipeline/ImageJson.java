package dev.slimimage.pipeline;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code target/slim/image.json}, for the next CI step: the image, all its tags, the image id, and after a push the
 * manifest digest of each pushed reference exactly as the registry reported it. Never holds credentials.
 *
 * @param tags every reference the build tagged, the image first
 * @param pushed reference → digest ({@code sha256:…}), in push order; empty until a push
 */
public record ImageJson(String image, List<String> tags, String imageId, Map<String, String> pushed) {

    public static final String FILE = "image.json";

    public ImageJson {
        tags = List.copyOf(tags);
        pushed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pushed));
    }

    public ImageJson withPushed(Map<String, String> digests) {
        return new ImageJson(image, tags, imageId, digests);
    }

    public void write(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("image", image);
        root.put("tags", tags);
        root.put("imageId", imageId);
        List<Map<String, String>> pushedArray = new ArrayList<>();
        pushed.forEach((reference, digest) -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("reference", reference);
            entry.put("digest", digest);
            entry.put("pinned", repository(reference) + "@" + digest);
            pushedArray.add(entry);
        });
        root.put("pushed", pushedArray);
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, JsonWriter.indented(root) + "\n");
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static ImageJson read(Path file) throws IOException {
        // Read without Jackson: the up-to-date check reads this file, and Jackson's start costs most of a second.
        Map<String, Object> root = Json.object(Json.parse(Files.readString(file)));
        List<String> tags = new ArrayList<>();
        Json.array(root.get("tags")).forEach(t -> tags.add(Json.text(t, "")));
        Map<String, String> pushed = new LinkedHashMap<>();
        Json.array(root.get("pushed")).forEach(p -> pushed.put(Json.text(Json.object(p).get("reference"), ""),
                Json.text(Json.object(p).get("digest"), "")));
        if (root.get("image") == null || root.get("imageId") == null || tags.isEmpty()) {
            throw new IOException("image, tags or imageId missing");
        }
        return new ImageJson(Json.text(root.get("image"), ""), tags, Json.text(root.get("imageId"), ""), pushed);
    }

    /** The repository of a reference: {@code host:5000/app:1} → {@code host:5000/app}. */
    static String repository(String reference) {
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash ? reference.substring(0, colon) : reference;
    }
}
