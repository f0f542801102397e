package dev.lithair.spring.repository.sheets;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application of sheets on the store Lithair's auto-configuration opens. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class SheetsApplication {
}
