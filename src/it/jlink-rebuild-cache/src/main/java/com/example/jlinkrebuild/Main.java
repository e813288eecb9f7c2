package com.example.jlinkrebuild;

import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println("greeting: " + StringUtils.upperCase(Greeting.text()));
    }
}
