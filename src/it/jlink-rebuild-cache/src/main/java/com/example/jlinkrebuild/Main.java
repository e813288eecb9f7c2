package com.example.jlinkrebuild;

import java.util.Locale;
import org.apache.commons.io.FilenameUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println("greeting: " + FilenameUtils.getBaseName("/greetings/" + Greeting.text().toUpperCase(Locale.ROOT) + ".txt"));
    }
}
