package dev.lithair.benchmarks.rankedpages;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.lithair.spring.repository.LithairRepository;

/** The ordered first pages and keyset windows measured at several store sizes. */
public interface RankedProductRepository extends LithairRepository<RankedProduct, String> {

    List<RankedProduct> findTop20ByCategoryOrderByPriceDesc(String category);

    /** Unlimited, so answered by fetching the category's holders and sorting them: the baseline. */
    List<RankedProduct> findAllByCategory(String category, Sort sort);

    Window<RankedProduct> findAllByOrderByPriceDesc(ScrollPosition position, Limit limit);

    Window<RankedProduct> findAllByOrderByPriceAsc(ScrollPosition position, Limit limit);
}
