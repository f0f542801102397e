package dev.lithair.sample.product.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

import dev.lithair.sample.product.user.UserAccount;
import dev.lithair.sample.product.user.UserAccountRepository;

/** Spring Security's users are the {@link UserAccount}s stored in Lithair; each has its role. */
@Service
public class StoredUserDetailsService implements UserDetailsService {

    private final UserAccountRepository users;

    public StoredUserDetailsService(UserAccountRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("No user '" + username + "'"));
        return User.withUsername(account.username()).password(account.passwordHash()).roles(account.role().name())
                .build();
    }
}
