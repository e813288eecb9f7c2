package com.example.uptodate;

import org.apache.commons.lang3.StringUtils;

public class Main {
    public static void main(String[] args) {
        System.out.println("up to date: " + StringUtils.upperCase("yes"));
    }
}
