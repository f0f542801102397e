package dev.lithair.spring.repository.notes;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application that defines no store: Lithair's auto-configuration opens it. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class NotesApplication {
}
