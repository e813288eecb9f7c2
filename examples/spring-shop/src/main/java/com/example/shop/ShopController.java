package com.example.shop;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
public class ShopController {
    private final Catalog catalog;

    public ShopController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    public String hello() {
        return "Hello from spring-shop: " + catalog.count() + " products\n";
    }

    @GetMapping(value = "/products", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_XML_VALUE})
    public List<Product> products() {
        return catalog.all();
    }
}
