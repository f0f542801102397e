package dev.lithair.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SharedValuesTest {

    @Test
    void equalStringsComeBackAsTheFirstInstanceUpToTheCapacityThenAsGiven() {
        SharedValues<String> shared = new SharedValues<>(2);
        String alice = new String("alice");
        String bob = new String("bob");
        shared.canonical(alice);
        shared.canonical(bob);

        String aliceAgain = new String("alice");
        String carol = new String("carol");

        assertThat(shared.canonical(aliceAgain)).isSameAs(alice);
        assertThat(shared.canonical(new String("bob"))).isSameAs(bob);
        assertThat(shared.canonical(carol)).as("past the capacity").isSameAs(carol);
        assertThat(shared.canonical(new String("carol"))).as("not remembered").isNotSameAs(carol).isEqualTo("carol");
        assertThat(shared.canonical(null)).isNull();
    }
}
