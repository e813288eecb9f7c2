package com.example.m38;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("m38 args: " + StringUtils.join(args, "|"));
        System.out.println("m38 json: " + new Gson().toJson(Map.of("count", args.length)));
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: ?").split("\\s+")[1];
        System.out.println("m38 uid: " + uid);
    }
}
