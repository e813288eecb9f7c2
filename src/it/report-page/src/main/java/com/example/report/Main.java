package com.example.report;

import com.google.gson.Gson;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println(StringUtils.upperCase("report ") + new Gson().toJson(Map.of("version", 1)));
    }
}
