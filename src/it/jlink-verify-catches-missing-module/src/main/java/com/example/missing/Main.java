package com.example.missing;

import java.sql.Timestamp;

public class Main {
    public static void main(String[] args) {
        Timestamp epoch = new Timestamp(0L);
        System.out.println("epoch as java.sql.Timestamp: " + epoch.toInstant());
    }
}
