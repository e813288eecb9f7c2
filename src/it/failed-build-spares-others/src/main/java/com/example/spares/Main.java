package com.example.spares;

public class Main {
    public static void main(String[] args) {
        System.out.println("never runs: the image is never built");
    }
}
