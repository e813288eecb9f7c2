package com.example.push;

public class Main {
    public static void main(String[] args) {
        System.out.println("hello from push-tls-trust");
    }
}
