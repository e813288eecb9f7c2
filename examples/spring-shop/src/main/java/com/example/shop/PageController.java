package com.example.shop;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class PageController {
    private final Catalog catalog;

    public PageController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/shop")
    public String shop(Model model) {
        model.addAttribute("products", catalog.all());
        return "shop";
    }
}
