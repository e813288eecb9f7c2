package com.example.jlinkboot;

import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GreetingController {
    @GetMapping("/greet")
    public String greet(@RequestParam(defaultValue = "jlink") String name) {
        return "hello " + name.toUpperCase(Locale.ROOT) + " from a linked runtime";
    }
}
