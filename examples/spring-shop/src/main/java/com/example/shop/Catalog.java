package com.example.shop;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
public class Catalog {
    private final ProductRepository products;

    public Catalog(ProductRepository products) {
        this.products = products;
    }

    @Cacheable("products")
    public List<Product> all() {
        return products.findAllByOrderByNameAsc();
    }

    public long count() {
        return products.count();
    }
}
