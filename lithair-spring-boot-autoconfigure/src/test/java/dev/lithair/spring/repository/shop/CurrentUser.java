package dev.lithair.spring.repository.shop;

import java.util.Optional;

import org.springframework.data.domain.AuditorAware;
import org.springframework.stereotype.Component;

/** The application's auditor: who the current thread acts for. */
@Component
public class CurrentUser implements AuditorAware<String> {

    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    public static void actAs(String user) {
        USER.set(user);
    }

    public static void clear() {
        USER.remove();
    }

    @Override
    public Optional<String> getCurrentAuditor() {
        return Optional.ofNullable(USER.get());
    }
}
