package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.lithair.spring.repository.shop.Product;
import dev.lithair.spring.repository.shop.ProductRepository;
import dev.lithair.spring.repository.shop.ShopApplication;

/** Spring Data REST, added by the application, exposes the Lithair repositories like any other. */
@SpringBootTest(classes = {ShopApplication.class, DataRestTest.OpenApi.class})
@AutoConfigureMockMvc
class DataRestTest {

    /** The application opens its API to everyone (Lithair's admin routes keep their own protection). */
    @TestConfiguration(proxyBeanMethods = false)
    static class OpenApi {

        @Bean
        SecurityFilterChain openApi(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable()).build();
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("lithair-rest-").toString();
        registry.add("shop.data-dir", () -> dir);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ProductRepository products;

    @Test
    void theRepositoryIsAResourceWithItsItemsPagingAndSearches() throws Exception {
        products.save(Product.of("lamp", "Lamp", "lighting", "25.00"));
        products.save(Product.of("desk", "Desk", "furniture", "300.00"));

        mvc.perform(get("/products/lamp")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Lamp"))
                .andExpect(header().string("ETag", "\"0\""));
        mvc.perform(get("/products?sort=price,desc&size=1")).andExpect(status().isOk())
                .andExpect(jsonPath("$._embedded.products[0].name").value("Desk"))
                .andExpect(jsonPath("$.page.totalElements").value(2));
        mvc.perform(get("/products/search/findByCategory?category=lighting")).andExpect(status().isOk())
                .andExpect(jsonPath("$._embedded.products[0].name").value("Lamp"));
    }

    @Test
    void itemsAreCreatedAndUpdatedThroughTheResource() throws Exception {
        mvc.perform(put("/products/chair").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Chair\",\"category\":\"furniture\",\"price\":80,\"sku\":\"SKU-chair\",\"stock\":1,\"active\":true}"))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(post("/products").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Rug\",\"category\":\"textile\",\"price\":120,\"sku\":\"SKU-rug\",\"stock\":1,\"active\":true}"))
                .andExpect(status().isCreated());

        assertThat(products.findById("chair")).map(Product::name).contains("Chair");
        assertThat(products.findByCategory("textile")).singleElement()
                .satisfies(rug -> assertThat(rug.id()).isNotBlank());
        mvc.perform(put("/products/chair").header("If-Match", "\"7\"").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Armchair\",\"category\":\"furniture\",\"price\":90,\"sku\":\"SKU-chair\",\"stock\":1,\"active\":true}"))
                .andExpect(status().isPreconditionFailed());
    }

    @Test
    void pagesOfASortedSearchFollowOneAnotherOverHttpWithEveryItemOnce() throws Exception {
        for (int i = 0; i < 25; i++) {
            products.save(Product.of("page-" + i, "Paged " + i, "paging", String.valueOf(100 + (i % 7)))
                    .withOwner("pager"));
        }
        try {
            List<String> expected = products.findByOwner("pager", PageRequest.of(0, 25, Sort.by(Sort.Direction.DESC,
                    "price"))).map(Product::name).getContent();

            List<String> names = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                String body = mvc.perform(get("/products/search/findByOwner?owner=pager&page=" + page
                        + "&size=10&sort=price,desc")).andExpect(status().isOk())
                        .andExpect(jsonPath("$.page.totalElements").value(25))
                        .andExpect(jsonPath("$.page.totalPages").value(3))
                        .andExpect(jsonPath("$.page.number").value(page))
                        .andReturn().getResponse().getContentAsString();
                names.addAll(JsonPath.read(body, "$._embedded.products[*].name"));
            }

            assertThat(names).hasSize(25).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
            mvc.perform(get("/products/search/findByOwner?owner=pager&page=0&size=10&sort=price,desc"))
                    .andExpect(jsonPath("$._links.next.href").exists());
            mvc.perform(get("/products/search/findByOwner?owner=pager&page=2&size=10&sort=price,desc"))
                    .andExpect(jsonPath("$._links.next").doesNotExist())
                    .andExpect(jsonPath("$._embedded.products.length()").value(5));
        } finally {
            // the application context, and its store, are shared with the other tests
            products.deleteAll(products.findByOwner("pager", Pageable.unpaged()));
        }
    }
}
