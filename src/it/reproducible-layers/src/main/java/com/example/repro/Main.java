package com.example.repro;

import com.google.gson.Gson;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println(StringUtils.capitalize("reproducible ") + new Gson().toJson(Map.of("ok", true)));
    }
}
