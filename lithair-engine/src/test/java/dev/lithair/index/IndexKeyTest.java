package dev.lithair.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IndexKeyTest {

    @Test
    void oneNumberIsOneKeyWhateverItsJavaTypeAndScale() {
        Object one = IndexKey.of(1);

        assertThat(List.of(IndexKey.of(1L), IndexKey.of((short) 1), IndexKey.of((byte) 1), IndexKey.of(1.0d),
                IndexKey.of(1.0f), IndexKey.of(BigInteger.ONE), IndexKey.of(new BigDecimal("1.000")),
                IndexKey.of(new BigDecimal("0.01E2")))).allSatisfy(key -> {
                    assertThat(key).isEqualTo(one);
                    assertThat(key.hashCode()).isEqualTo(one.hashCode());
                });
        assertThat(IndexKey.of(new BigDecimal("2.50"))).isEqualTo(IndexKey.of(2.5d));
        assertThat(IndexKey.of(new BigDecimal("0.1"))).isEqualTo(IndexKey.of(0.1d));
        assertThat(IndexKey.of(-0.0d)).isEqualTo(IndexKey.of(0)).isEqualTo(IndexKey.of(new BigDecimal("0.00")));
        assertThat(IndexKey.of(new BigInteger("100000000000000000000"))).isEqualTo(IndexKey.of(1e20d))
                .isEqualTo(IndexKey.of(new BigDecimal("1E+20")));
        assertThat(IndexKey.of(new java.util.concurrent.atomic.AtomicLong(7))).isEqualTo(IndexKey.of(7));
    }

    @Test
    void differentNumbersAreDifferentKeys() {
        assertThat(IndexKey.of(new BigDecimal("1.01"))).isNotEqualTo(IndexKey.of(1));
        assertThat(IndexKey.of(Long.MAX_VALUE)).isNotEqualTo(IndexKey.of(new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE)));
        assertThat(IndexKey.of("1")).isNotEqualTo(IndexKey.of(1));
    }

    @Test
    void keysOrderNullFirstThenNumbersByValueThenOtherValues() {
        List<Object> keys = new ArrayList<>(List.of(IndexKey.of(Double.NaN), IndexKey.of(Double.POSITIVE_INFINITY),
                IndexKey.of(new BigDecimal("1E+400")), IndexKey.of(2.5d), IndexKey.of(2), IndexKey.of(-7L),
                IndexKey.of(new BigDecimal("-1E+400")), IndexKey.of(Double.NEGATIVE_INFINITY), IndexKey.of(null)));
        java.util.Collections.shuffle(keys, new java.util.Random(1));

        keys.sort(IndexKey.ORDER);

        assertThat(keys).containsExactly(IndexKey.NULL, Double.NEGATIVE_INFINITY, new BigDecimal("-1E+400"), -7L, 2L,
                new BigDecimal("2.5"), new BigDecimal("1E+400"), Double.POSITIVE_INFINITY, Double.NaN);
    }

    @Test
    void valuesOfUnrelatedClassesAreOrderedWithoutFailing() {
        List<Object> keys = new ArrayList<>(List.of("b", Instant.EPOCH, 3L, "a", IndexKey.NULL));

        keys.sort(IndexKey.ORDER);

        assertThat(keys).containsExactly(IndexKey.NULL, 3L, "a", "b", Instant.EPOCH);
    }
}
