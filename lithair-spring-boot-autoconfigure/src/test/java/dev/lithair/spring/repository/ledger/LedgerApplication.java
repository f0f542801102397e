package dev.lithair.spring.repository.ledger;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application whose price tags keep every change, for restores to a past instant. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class LedgerApplication {
}
