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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
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
}
