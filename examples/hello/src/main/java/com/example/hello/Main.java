package com.example.hello;

import com.google.gson.Gson;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        String who = args.length > 0 ? String.join(" ", args) : "world";
        System.out.println(new Gson().toJson(Map.of("greeting", "Hello, " + StringUtils.capitalize(who) + "!")));
    }
}
