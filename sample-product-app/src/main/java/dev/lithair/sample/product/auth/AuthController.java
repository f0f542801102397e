package dev.lithair.sample.product.auth;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.sample.product.web.InvalidRequestException;
import dev.lithair.sample.product.user.Role;
import dev.lithair.sample.product.user.UserAccount;
import dev.lithair.sample.product.user.UserAccountRepository;

/**
 * Accounts and sessions: anyone registers as a customer; a login exchanges a username and password
 * (checked by Spring Security's {@link AuthenticationManager}) for an opaque bearer token; a logout
 * revokes the token it is called with. Registrations and failed logins are limited per username and per
 * client address ({@link AuthAttemptLimiter}): past the limit, 429 with {@code Retry-After}.
 */
@RestController
@RequestMapping("/auth")
public class AuthController {

    private final UserAccountRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuthenticationManager authenticationManager;
    private final AccessTokenIssuer tokens;
    private final AuthAttemptLimiter limiter;

    public AuthController(UserAccountRepository users, PasswordEncoder passwordEncoder,
            AuthenticationManager authenticationManager, AccessTokenIssuer tokens, AuthAttemptLimiter limiter) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
        this.limiter = limiter;
    }

    /** Creates a customer account; employees and admins are made by an admin. */
    @PostMapping("/register")
    public ResponseEntity<Map<String, Object>> register(@Valid @RequestBody Registration registration,
            HttpServletRequest request) {
        limiter.beginRegistration(registration.username(), request.getRemoteAddr());
        if (users.existsByUsername(registration.username())) {
            throw new UsernameTakenException(registration.username());
        }
        String hash = passwordEncoder.encode(registration.password());
        UserAccount stored;
        try {
            // No idempotency key: one naming the user would outlive an erasure, remembered among the store's
            // applied keys and hashed into the generated id.
            stored = users.save(UserAccount.newUser(registration.username(), hash, Role.CUSTOMER));
        } catch (DuplicateKeyException racingRegistration) {
            // Of two racing registrations of one name, the unique index lets exactly one in.
            throw new UsernameTakenException(registration.username(), racingRegistration);
        }
        return ResponseEntity.created(URI.create("/api/users/" + stored.username()))
                .body(Map.of("username", stored.username(), "role", stored.role()));
    }

    @PostMapping("/login")
    public IssuedToken login(@Valid @RequestBody LoginRequest login, HttpServletRequest request) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
                .unauthenticated(login.username(), login.password());
        // The client's address, for the per-address login limit.
        attempt.setDetails(new WebAuthenticationDetails(request));
        Authentication authenticated = authenticationManager.authenticate(attempt);
        UserAccount user = users.findByUsername(authenticated.getName())
                .orElseThrow(() -> new BadCredentialsException("The account was removed during the login"));
        return tokens.issue(user);
    }

    /** Revokes the bearer token of this request; it is refused from now on. */
    @PostMapping("/logout")
    public ResponseEntity<Void> logout(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthentication bearer)) {
            throw new InvalidRequestException("Log out with the bearer token to end: "
                    + "Authorization: Bearer <token>");
        }
        tokens.revoke(bearer.getToken().getTokenValue());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
