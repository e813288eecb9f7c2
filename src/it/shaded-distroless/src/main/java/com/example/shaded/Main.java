package com.example.shaded;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("shaded args: " + StringUtils.join(args, "|"));
        System.out.println("shaded json: " + new Gson().toJson(Map.of("count", args.length)));
        System.out.println("shaded reversed: " + StringUtils.reverse(String.join("", args)));
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: ?").split("\\s+")[1];
        System.out.println("shaded uid: " + uid);
    }
}
