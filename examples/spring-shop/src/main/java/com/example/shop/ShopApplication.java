package com.example.shop;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

import java.math.BigDecimal;
import java.util.List;

@SpringBootApplication
@EnableCaching
public class ShopApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

    /** Fills the in-memory H2 database at startup, so that startup exercises JPA, Hibernate and validation. */
    @Bean
    CommandLineRunner seed(ProductRepository products) {
        return args -> products.saveAll(List.of(
                new Product("Espresso cup", new BigDecimal("7.50")),
                new Product("Tea pot", new BigDecimal("24.00")),
                new Product("Coffee grinder", new BigDecimal("59.90"))));
    }
}
