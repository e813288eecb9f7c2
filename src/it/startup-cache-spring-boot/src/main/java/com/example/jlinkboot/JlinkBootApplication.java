package com.example.jlinkboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class JlinkBootApplication {
    public static void main(String[] args) {
        SpringApplication.run(JlinkBootApplication.class, args);
    }
}
