package dev.portcullis.examples.springapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A small API protected by Portcullis access tokens; see README.md. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SpringApi {
    public static void main(String[] args) {
        SpringApplication.run(SpringApi.class, args);
    }
}
