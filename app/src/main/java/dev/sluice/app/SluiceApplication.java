package dev.sluice.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The one Spring Boot application; {@code sluice.roles} decides which roles it runs. */
@SpringBootApplication(scanBasePackages = "dev.sluice")
public class SluiceApplication {}
