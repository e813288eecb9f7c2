package com.example.training;

import com.google.gson.Gson;
import java.util.Map;

public class Main {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("fail")) {
            throw new IllegalStateException("the training run failed on purpose");
        }
        System.out.println("json: " + new Gson().toJson(Map.of("args", args.length)));
    }
}
