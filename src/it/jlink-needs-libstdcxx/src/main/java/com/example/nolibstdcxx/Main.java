package com.example.nolibstdcxx;

public class Main {
    public static void main(String[] args) {
        System.out.println("the JVM started");
    }
}
